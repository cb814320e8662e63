"""Read a saved legislation web page (.html, .htm) as Blocks.

Legislation sites wrap the law in site chrome: navigation, breadcrumbs, search forms,
"changes to legislation" boxes, annotation lists, footers, scripts and styles. Those are
dropped by tag, ARIA role and class/id names; what is left is read the way a browser
lays it out: each heading, paragraph and list item is a paragraph, an ordered list
item gets the number the browser would show, a table is read row by row. Publishers'
number spans (legislation.gov.uk `LegP1No`, Laws.Africa `akn-num`) become provision
numbers, and an element's `data-eid` or `id` is kept as the provision's identifier.
Parsing is lxml's HTML parser with network access and huge-tree mode off.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from lxml import etree

from linter.errors import CorruptDocumentError, EmptyDocumentError
from linter.extract.markup import Walker, check_depth, read_capped, table_rows
from linter.extract.sniff import prolog
from linter.model import Block
from linter.numerals import to_roman  # the same numerals the structure parser reads back

_CHROME_TAGS = {
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "label",
    "iframe",
    "svg",
    "canvas",
    "object",
    "embed",
    "dialog",
    "menu",
    "img",
    "picture",
    "video",
    "audio",
    "map",
}
_CHROME_ROLES = {
    "navigation",
    "banner",
    "contentinfo",
    "search",
    "complementary",
    "dialog",
    "menu",
    "menubar",
    "toolbar",
}
# Parts of class and id names that mark chrome on real legislation sites.
_CHROME_WORDS = (
    "breadcrumb",
    "cookie",
    "skip-link",
    "skiplink",
    "skip-to",
    "navbar",
    "sidebar",
    "masthead",
    "site-header",
    "site-footer",
    "footer",
    "pagination",
    "statuswarning",
    "changes-to-legislation",
    "changestolegislation",
    # legislation.gov.uk: annotation lists, "F1" links, the [ ] around amended words, extent labels
    "legannotations",
    "legcommentary",
    "legchangedelimiter",
    "legextentrestriction",
    "leganchorid",
    "legclearpart",
    "back-to-top",
    "backtotop",
    "footnoteref",
    # Laws.Africa: editorial remarks and footnote markers
    "akn-remark",
    "akn-authorialnote",
    "akn-noteref",
)
_CHROME_TOKENS = {"nav", "menu", "toc", "header", "banner", "tools", "hidden", "sr-only", "visually-hidden"}
_CHANGES_BOX = "changes to legislation"
_BOX_LIMIT = 2000  # characters
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {
    "p",
    "div",
    "li",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "body",
    "html",
    "address",
    "figure",
    "figcaption",
    "caption",
    "center",
    "details",
    "summary",
    "dl",
    "ul",
    "hr",
    "fieldset",
}
# Laws.Africa renders Akoma Ntoso with spans that its stylesheet lays out as blocks.
_AKN_BLOCK_CLASSES = {
    "akn-p",
    "akn-intro",
    "akn-wrapup",
    "akn-listintroduction",
    "akn-listwrapup",
    "akn-crossheading",
    "akn-subheading",
}
_REMOVED = {"del", "s", "strike"}
_INSERTED = {"ins"}


def read_blocks(path: Path) -> tuple[list[Block], int | None]:
    """Return the paragraphs of the law in a web page, site chrome left out."""
    root = _parse(path)
    check_depth(path, root)
    walker = _Walker()
    walker.block(_content_root(root))
    if not walker.out.blocks:
        raise EmptyDocumentError(str(path), "the web page contains no text outside navigation and page furniture")
    return walker.out.blocks, None


def _parse(path: Path) -> etree._Element:
    data = read_capped(path)
    if b"<!ENTITY" in prolog([data]).upper():  # <!DOCTYPE html> is normal; an internal subset is not
        raise CorruptDocumentError(str(path), "HTML file contains entity declarations (DOCTYPE); refusing to parse it")
    try:
        data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        encoding = None  # let the page's own <meta charset> decide
    parser = etree.HTMLParser(
        encoding=encoding, no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise CorruptDocumentError(str(path), f"unreadable HTML ({exc})") from exc
    if root is None:
        raise EmptyDocumentError(str(path), "the web page contains no elements")
    return root


def _content_root(root: etree._Element) -> etree._Element:
    """The page's main region when it marks one; otherwise its body."""
    for query in ("//main", "//*[@role='main']", "//article"):
        found = root.xpath(query)
        if len(found) == 1:
            return found[0]
    body = root.find("body")
    return body if body is not None else root


def _classes(el: etree._Element) -> list[str]:
    return (el.get("class") or "").split()


def _is_chrome(el: etree._Element) -> bool:
    tag = el.tag
    if tag in _CHROME_TAGS or el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if (el.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if tag == "sup" and any((a.get("href") or "").startswith("#") for a in el.iter("a")):
        return True  # a footnote marker: "restraint<sup><a href="#fn2">2</a></sup>"
    names = [n.lower() for n in [*_classes(el), el.get("id") or ""] if n]
    if any(n in _CHROME_TOKENS or any(w in n for w in _CHROME_WORDS) for n in names):
        return True
    if tag in ("div", "section", "aside"):
        first_words = " ".join("".join(islice(el.itertext(), 4)).split()).lower()
        # A short box that opens with the words; not a region that holds such a box and the act.
        return first_words.startswith(_CHANGES_BOX) and len("".join(el.itertext())) < _BOX_LIMIT
    return False


def _is_number(el: etree._Element) -> bool:
    """A publisher's number span: Laws.Africa `akn-num`, legislation.gov.uk `LegP1No`, `LegP2No`."""
    return any(c == "akn-num" or (c.startswith("Leg") and c.endswith("No")) for c in _classes(el))


def _anchor(el: etree._Element) -> str | None:
    """An element's Akoma Ntoso eId or its id when that names a provision ("section-12-1");
    ids without a number name page regions ("content", "viewLegContents") instead."""
    anchor = el.get("data-eid") or el.get("id")
    return anchor if anchor and any(c.isdigit() for c in anchor) else None


def _ol_label(n: int, style: str) -> str:
    if style in ("a", "A") and 1 <= n <= 26:
        letter = chr(ord("a") + n - 1)
        return f"({letter.upper() if style == 'A' else letter})"
    if style in ("i", "I") and n >= 1:
        roman = to_roman(n)
        return f"({roman.upper() if style == 'I' else roman})"
    return f"({n})"


def _int(value: str | None, default: int) -> int:
    return int(value) if value is not None and value.strip().lstrip("-").isdigit() else default


class _Walker(Walker):
    def element(self, el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str) or _is_chrome(el):
            return
        if tag in _REMOVED:
            self.out.mark_changed()
        elif tag == "br":
            self.out.text(" ")
        elif tag in _HEADINGS:
            # A heading's anchor names the provision it opens, and the text after it, up
            # to the next heading or the end of the enclosing block.
            inner = (_anchor(d) for d in el.iterdescendants())  # legislation.gov.uk puts it on the number span
            self.out.identifier = _anchor(el) or next((a for a in inner if a), None) or self.out.identifier
            self.out.heading(self.text_of(el), int(tag[1]), el.sourceline)
        elif tag == "table":
            self.out.table(table_rows(el, self.text_of))
        elif tag == "ol":
            self._ordered_list(el)
        elif tag in _BLOCKS or _AKN_BLOCK_CLASSES & {c.lower() for c in _classes(el)}:
            self.block(el)
        elif _is_number(el):
            self.out.number(self.text_of(el), line=el.sourceline)
        else:
            if tag in _INSERTED:
                self.out.mark_changed()
            if tag == "dfn":  # HTML's own mark of the defining instance of a term
                self.out.mark_definition()
            self.inline(el)

    def block(self, el: etree._Element, number: str | None = None) -> None:
        self.out.flush()
        saved = self.out.identifier
        self.out.identifier = _anchor(el) or saved
        if number:
            self.out.number(number, line=el.sourceline)
        self.inline(el)
        self.out.flush()
        self.out.flush_number()
        self.out.identifier = saved

    def _ordered_list(self, ol: etree._Element) -> None:
        self.out.flush()
        n = _int(ol.get("start"), 1)
        style = ol.get("type") or "1"
        for child in ol:
            if child.tag == "li" and not _is_chrome(child):
                n = _int(child.get("value"), n)
                self.block(child, _ol_label(n, style))
                n += 1
            else:
                self.element(child)

    def text_of(self, el: etree._Element) -> str:
        """The visible text of a heading or table cell on one line."""
        parts: list[str] = []

        def visit(node: etree._Element) -> None:
            if not isinstance(node.tag, str) or _is_chrome(node) or node.tag in _REMOVED:
                return
            parts.append(node.text or "")
            for child in node:
                visit(child)
                parts.append(child.tail or "")
            if _is_number(node) or node.tag == "br":
                parts.append(" ")  # "12" and "Searches" sit in separate spans

        visit(el)
        return " ".join("".join(parts).split())
