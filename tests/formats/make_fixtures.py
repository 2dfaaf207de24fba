#!/usr/bin/python3
"""Build the format fixtures from corpus/ with Debian tools.

usage: make_fixtures.py CORPUS_DIR OUT_DIR

OUT_DIR/twins/{text,html,docx,pdf}/NAME.{txt,html,docx,pdf}: the ten seed
and dev reports as plain text and as their HTML (entities, script, style,
comments and head metadata with numbers in them), DOCX (pandoc, from the
HTML's paragraphs) and PDF twins (pango-view with WenQuanYi Micro Hei, lines wrapped by
character, 40 lines a page, pages joined by qpdf).
OUT_DIR/cases/: one file per special case (see CASES below).
"""
import html
import os
import subprocess
import sys

TWINS = ["000_85037711d64bb8ac", "001_2495d9d79a311390", "002_9e5b292913a01f34",
         "003_44268185b6b57a72", "004_3e4e2bdb4cc9d573",
         "d01_guowuyuan_zhengfugongzuobaogao_2009_fullwidth",
         "d02_zhouzhi_yusuan_zhixing_2023", "d03_chaozhou_shanggui_jiangli_2020",
         "d04_hk_yusuan_2014_zhongwen_shuzi", "d05_hk_fso_blog_linshi_bokuan_trad"]

FONT = "WenQuanYi Micro Hei 10"
LINES_PER_PAGE = 40

# Text a reader does not see, numbers in all of it: none may give a claim.
HIDDEN_HEAD = ('<head>\n<meta charset="%s">\n<title>2023年增长12.5%%，共有88家</title>\n'
               '<meta name="description" content="投资增长7.5%%">\n'
               '<style>.x { width: 50%%; } /* 增长 30%% */</style>\n'
               '<script>var s = "全年增长 9.9%%，新增企业 1200 家"; if (a<b) {}</script>\n'
               '</head>\n')
HIDDEN_BODY = ('<!-- 注释：增长 66%%，共 77 家 -->\n'
               '<script type="text/javascript">document.write("收入 500 亿元");</script>\n'
               '<noscript>增长 44%%</noscript>\n')


def lines_of(path):
    with open(path, encoding="utf-8") as f:
        return [ln.rstrip("\r\n") for ln in f]


def html_paragraph(line, k):
    """A line as a paragraph; every third one spells its ASCII digits and
    some punctuation as character references, so that spans cross them."""
    esc = html.escape(line, quote=False)
    if k % 3 == 1:
        esc = esc.replace("%", "&#37;").replace("，", "&#xFF0C;").replace("。", "&#12290;")
    elif k % 3 == 2:
        esc = esc.replace("、", "<b>、</b>").replace("%", "<span>%</span>")
    return "<p>" + esc + "</p>\n"


def html_page(lines, charset):
    body = "".join(html_paragraph(ln, k) for k, ln in enumerate(lines) if ln.strip())
    return ("<!DOCTYPE html>\n<html>\n" + HIDDEN_HEAD % charset + "<body>\n" +
            HIDDEN_BODY + "<div>" + body + "</div>\n</body>\n</html>\n")


def run(*cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def pdf_of_lines(lines, out, tmp, width=420):
    """pango-view draws one page of any length: cut the text in pages and
    join them with qpdf."""
    pages = []
    text = [ln for ln in lines if ln.strip()] or [""]
    for i in range(0, len(text), LINES_PER_PAGE):
        src = "%s.%d.txt" % (tmp, i)
        with open(src, "w", encoding="utf-8") as f:
            f.write("\n".join(text[i:i + LINES_PER_PAGE]) + "\n")
        pdf = "%s.%d.pdf" % (tmp, i)
        run("pango-view", "-q", "--font=" + FONT, "--width=%d" % width, "--wrap=char",
            "--margin=40", "-o", pdf, src)
        pages.append(pdf)
    run("qpdf", "--empty", "--pages", *pages, "--", out)
    for p in pages:
        os.unlink(p)
        os.unlink(p[:-4] + ".txt")


# A page of image only: one 8x8 grey image, no text operators.
def image_only_pdf(path):
    img = bytes(range(0, 256, 4))[:64]
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] "
            b"/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>"]
    content = b"q 180 0 0 180 10 10 cm /Im0 Do Q"
    objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objs.append(b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 "
                b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Length 64 >>\nstream\n" +
                img + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def two_column_pdf(lines, path, tmp):
    """A two-column page as browsers print CSS columns (chromium)."""
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
            '@page { size: A4; margin: 2cm; } body { font-family: "WenQuanYi Micro Hei"; '
            'font-size: 10pt; column-count: 2; column-gap: 1cm; } p { margin: 0 0 6pt 0; }'
            '</style></head><body>' +
            "".join("<p>%s</p>" % html.escape(ln) for ln in lines if ln.strip()) +
            "</body></html>")
    src = tmp + ".cols.html"
    with open(src, "w", encoding="utf-8") as f:
        f.write(page)
    run("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        "--user-data-dir=" + tmp + ".chromium", "--print-to-pdf=" + path, src,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    tw = os.path.join(out, "twins")
    cases = os.path.join(out, "cases")
    for d in ("text", "html", "docx", "pdf"):
        os.makedirs(os.path.join(tw, d), exist_ok=True)
    os.makedirs(cases, exist_ok=True)
    tmp = os.path.join(out, "tmp")
    for name in TWINS:
        lines = lines_of(os.path.join(corpus, name + ".txt"))
        with open(os.path.join(tw, "text", name + ".txt"), "w", encoding="utf-8") as f:
            f.write("".join(ln + "\n" for ln in lines))
        hpath = os.path.join(tw, "html", name + ".html")
        with open(hpath, "w", encoding="utf-8") as f:
            f.write(html_page(lines, "utf-8"))
        # pandoc keeps the title and <noscript> as text: give it the body only.
        bare = tmp + ".bare.html"
        with open(bare, "w", encoding="utf-8") as f:
            f.write("<html><body>" + "".join(html_paragraph(ln, k) for k, ln in enumerate(lines)
                                             if ln.strip()) + "</body></html>\n")
        run("pandoc", "-f", "html", "-t", "docx", "-o", os.path.join(tw, "docx", name + ".docx"), bare)
        os.unlink(bare)
        pdf_of_lines(lines, os.path.join(tw, "pdf", name + ".pdf"), tmp)

    base = lines_of(os.path.join(corpus, "d02_zhouzhi_yusuan_zhixing_2023.txt"))
    # GBK pages: one declared honestly, one declared utf-8 (the lie).
    with open(os.path.join(cases, "gbk_declared.html"), "wb") as f:
        f.write(html_page(base, "gb2312").encode("gb18030"))
    with open(os.path.join(cases, "gbk_lying.html"), "wb") as f:
        f.write(html_page(base, "utf-8").encode("gb18030"))
    with open(os.path.join(cases, "hidden_only.html"), "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html>\n<html>\n" + HIDDEN_HEAD % "utf-8" + "<body>\n" +
                HIDDEN_BODY + "<p>本页无数据。</p>\n</body>\n</html>\n")
    pdf_of_lines(base, os.path.join(cases, "good.pdf"), tmp)
    run("qpdf", "--encrypt", "user-pw", "owner-pw", "256", "--",
        os.path.join(cases, "good.pdf"), os.path.join(cases, "encrypted.pdf"))
    with open(os.path.join(cases, "good.pdf"), "rb") as f:
        data = f.read()
    with open(os.path.join(cases, "truncated.pdf"), "wb") as f:
        f.write(data[:len(data) // 2])
    image_only_pdf(os.path.join(cases, "scan.pdf"))
    run("qpdf", "--empty", "--pages", os.path.join(cases, "good.pdf"),
        os.path.join(cases, "scan.pdf"), "--", os.path.join(cases, "text_then_scan.pdf"))
    with open(os.path.join(cases, "not_a_zip.docx"), "w", encoding="utf-8") as f:
        f.write("这不是一个 Word 文件，增长 12%。\n")
    two_column_pdf(base, os.path.join(cases, "two_columns.pdf"), tmp)
    with open(os.path.join(cases, "two_columns.txt"), "w", encoding="utf-8") as f:
        f.write("".join(ln + "\n" for ln in base if ln.strip()))


if __name__ == "__main__":
    main()
