# embed.cmake - the review page's stylesheet and script as C strings, so
# that every page `zhclaim show` writes carries them and the files stay
# readable in the source tree.
# cmake -DOUT=file.c -DCSS=review.css -DJS=review.js -P embed.cmake
function(zc_embed var path out)
  file(READ ${path} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n  " hex "${hex}")
  set(${out} "const char ${var}[] = {\n  ${hex}0x00};\n" PARENT_SCOPE)
endfunction()
zc_embed(zc_review_css ${CSS} css)
zc_embed(zc_review_js ${JS} js)
file(WRITE ${OUT}.tmp "/* Generated from core/cli/assets by embed.cmake: do not edit. */\n${css}${js}")
file(RENAME ${OUT}.tmp ${OUT})
