# exclude.re - numbers that are not claims, by their surroundings (SPEC 2).
# Format: docs/plugins.md section 1.7. One rule a line, TAB-separated:
#   after PATTERN | before LOOKBEHIND | both LOOKBEHIND PATTERN
# "after" patterns match at the end of the number (the second one of a
# range); "before" ones are PCRE2 lookbehinds, fixed length per alternative.
# ordinals: 第3, 第一
before	第
# document numbers: 〔2023〕6号, [2023]
before	〔|\[|【|〕|\]|】
# times: 17:08
before	[0-9]:
after	:[0-9]
# dates written with dashes or slashes: 2018-12-26, 2018/12/26, 2018.12
after	[-/.][0-9]{1,2}(?:[-/.][0-9]|日|月)
before	[0-9]/|[0-9]{4}-|[0-9]{4}\.
# names with numbers: M21, PM2.5, 5G, 4A
before	[A-Za-z]
after	[A-Za-z]
# formulas and slogans: 1+1+N, 1+4+1
before	\+
after	\+
# congress names: 十九届三中全会, 十四届全国人大二次会议
after	中全会
after	届(?:[一二三四五六七八九十]+中)?(?:全会|全国|人大|政协|中央|人民代表大会|委员会)
after	次(?:会议|全体会议|全会|常委会|代表大会|党代会)
# set phrases led by a numeral: 一揽子, 一系列, 一站式, 一体化, 一批 (vague)
after	(?:揽子|系列|站式|体化|批|带一路|把手|网通办|窗通办|门式)
# vague quantities: 数十家, 几百人, 上百家, 好几千万元; only before a Chinese
# round numeral (人数106643万人, 迈上126万亿元 and 以上5项 are claims)
before	数(?=[十百千万亿])|几(?=[十百千万亿])|[^以]上(?=[十百千万亿])
