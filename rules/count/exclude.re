# exclude.re - numbers with a classifier that are no counts (SPEC 2).
# Format: docs/plugins.md section 1.7 (after / before / both rules).
# durations and percentage points: 3个工作日, 两个月, 3个百分点
after	(?:多|余)?个(?:多)?(?:月|工作日|小时|钟头|星期|礼拜|季度|年头|学期|自然日|交易日|百分点|半月|半小时|财年)
# ranks: 前30名, 最后2位, 进位达5名以上, 排名第3位
both	前|后|最后|倒数|排名|排|位列|位居|位次|居|进位|进位达|跃升|上升|提升|前进|前移|后移|后退|下降|名列|跻身|进入|排在|排名前|列	(?:多|余)?(?:名|位)
# the party congress: 十九大精神, 党的二十大
after	大(?:精神|报告|以来|代表|召开|胜利|提出|作出|部署|闭幕|开幕|期间|重要|明确|强调|决策|会议|上|和|后|前|、)
before	党的|中共
# grades, not numbers of things: 三级医院, 一级响应, 5级地震
after	级(?:以上|以下)?(?:医院|干部|巡视员|调研员|主任科员|科员|职员|文物|地震|风|台风|警报|响应|预警|保护|水平|标准|资质|精度)
# households and homes are nouns after 家: 100万家庭
after	家(?:庭|园|乡|属|长|务|电|具|居|政)
# names: 三人行, 七证合一, 两个维护
after	证(?:合一|一码)
after	人(?:民|大|口|工|才|员|力|均|事|群|文|心|士|物|性|们|类)
after	位(?:于|置|数|次)
after	所(?:以|有|在|得|属|谓|需)
after	条(?:件|例|款|规|线|文|理)
after	种(?:植|子|养|类)
after	家(?:族)
after	道(?:路|德|理)
after	门(?:户|类|槛|诊|店)
after	口(?:岸|径|号|头)
# unquoted political set phrases: 四个意识, 两个维护, 两个确立, 四个自信
after	个(?:维护|确立|意识|自信|全面|务必|坚持|聚焦|代表|基本点|一百年|服从|至上|没有变)
# congress terms as names: 十九届历次全会, 十八届三中、四中全会
after	届(?:历次|[一二三四五六七八九十]+中)
# grades, by pattern: 二级以上医院, 三级及以下 (a tier counted plainly, 缩减为三级, stays)
after	级(?:及)?(?:以上|以下)
# cited articles of law: 第71条第3款, 条3款, 审计法22条
both	条	(?:款|项)
both	法|》	条
