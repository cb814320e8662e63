"""Synthesize the benchmark inputs: one long regulation (PDF and DOCX) and a batch of small ones.

The text is a Westminster-style statutory instrument ("12.—(1) ...", "(a) ..." items, Parts
with headings) built from sentence templates about ordinary prison matters, with
women-specific clauses (some compliant, some conflicting) sprinkled in so the NLP and rule
stages meet the kind of text they meet in real use. Everything is seeded, so the same
arguments always give the same documents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

TITLE = "The Prison and Young Offender Institution (Consolidation) Rules 2031"
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

PART_TITLES = [
    "Preliminary",
    "Reception and Admission",
    "Classification and Allocation",
    "Accommodation",
    "Hygiene and Clothing",
    "Food and Drink",
    "Health Care",
    "Contact with the Outside World",
    "Religion",
    "Work, Education and Training",
    "Searching",
    "Security and Control",
    "Discipline",
    "Restraint and Use of Force",
    "Requests and Complaints",
    "Transfers and Escorts",
    "Release and Resettlement",
    "Independent Monitoring",
    "Staff",
    "Records and Information",
]

SUBJECTS = [
    "The governor",
    "The director",
    "An officer",
    "The health care team",
    "The chaplain",
    "A member of the independent monitoring board",
    "The Secretary of State",
    "The duty governor",
    "The senior officer on duty",
    "Every officer",
    "The medical officer",
    "The education manager",
    "A prison officer of the same sex as the prisoner",
    "The head of residential services",
    "The contractor",
    "A person authorised by the governor",
]
DUTIES = [
    "shall ensure that",
    "shall keep a record showing that",
    "shall arrange that",
    "may direct that",
    "shall be satisfied that",
    "shall, so far as reasonably practicable, ensure that",
    "shall inform the prisoner in writing where",
    "shall report to the Secretary of State whenever",
]
CLAUSES = [
    "every prisoner is provided with bedding adequate for warmth and health",
    "the cell certificate states the maximum number of prisoners who may be held in each cell",
    "a prisoner is given the opportunity to take exercise in the open air for not less than one hour daily",
    "food is wholesome, nutritious, well prepared and served, and reasonably varied",
    "drinking water is available to every prisoner at all times",
    "a prisoner who is not required to wear prison clothing may wear clothing of his own",
    "correspondence is opened and read only where the governor has reasonable cause to believe it endangers security",
    "visits take place within the sight of an officer",
    "a prisoner may send and receive a letter on his reception into prison and thereafter once a week",
    "every request or complaint is recorded and answered within seven days",
    "the property of a prisoner is recorded on his reception and kept in safe custody",
    "work is of a useful kind and, so far as practicable, assists the prisoner to earn a livelihood after release",
    "the earnings scheme is published and a copy is made available in every residential unit",
    "educational classes are available to every prisoner who wishes to attend them",
    "the library is open at reasonable hours and stocked with books in the languages of the prisoners",
    "every prisoner is told, on reception, of the rules governing the treatment of prisoners",
    "a prisoner who is sick is seen by the medical officer on the day he reports sick",
    "the hearing of a disciplinary charge opens no later than forty-eight hours after the charge is laid",
    "any use of force is reported in writing before the end of the officer's tour of duty",
    "a prisoner removed from association is visited daily by the health care team",
    "an escort is of a strength sufficient to prevent escape having regard to the risk the prisoner presents",
    "the records required by these Rules are kept for not less than six years",
    "a prisoner may practise his religion and attend services of his denomination",
    "the mandatory drug testing programme is carried out in accordance with instructions issued by the Secretary of State",
    "staff receive training in the prevention of self-harm and the management of prisoners at risk",
    "an unconvicted prisoner is given the facilities he needs to prepare his defence",
    "legal advisers may visit a prisoner at any reasonable time and in the hearing of no officer",
]
CONDITIONS = [
    "",
    "",
    "",
    "Except as provided by paragraph (3), ",
    "Subject to rule 41, ",
    "Where the governor so directs, ",
    "In an emergency, ",
    "Unless the Secretary of State otherwise directs, ",
    "So far as the resources of the prison allow, ",
    "Without prejudice to any other power, ",
]
TAILS = [
    ".",
    ".",
    ".",
    ", and the governor shall keep a record of the reasons.",
    ", save where a medical officer advises otherwise.",
    " and such record shall be open to inspection by the board.",
    ", in accordance with any directions of the Secretary of State.",
    " within a reasonable time.",
]
ITEM_LEADS = [
    "The governor may authorise the following measures, namely",
    "A prisoner shall be guilty of an offence against discipline if he",
    "The following matters shall be recorded in the prisoner's record, namely",
    "The board shall satisfy itself as to",
    "An officer may search a prisoner's cell for",
]
ITEMS = [
    "the state of the premises and the administration of the prison",
    "commits any assault",
    "detains any person against his will",
    "is absent from any place where he is required to be",
    "is disrespectful to any officer",
    "damages any part of the prison or any property",
    "the date and time of the measure and the name of the officer authorising it",
    "unauthorised articles, including mobile telephones and controlled drugs",
    "the treatment of prisoners and the facilities available to them",
    "forfeiture of privileges for a period not exceeding forty-two days",
    "stoppage of earnings for a period not exceeding eighty-four days",
    "cellular confinement for a period not exceeding twenty-one days",
    "exclusion from associated work for a period not exceeding twenty-one days",
    "the health of the prisoner as reported by the medical officer",
]
# Women-specific clauses as real instruments word them: compliant ones and ones that conflict.
WOMEN_CLAUSES = [
    "A woman prisoner shall be searched only by a female officer, and a search shall be carried out in a manner that protects her dignity.",
    "Every woman prisoner shall be provided free of charge with sanitary towels and a regular supply of water for her personal hygiene.",
    "Instruments of restraint shall never be used on women during labour, during birth or immediately after birth.",
    "A pregnant woman or a nursing mother shall not be placed in close confinement or disciplinary segregation.",
    "On admission, a woman prisoner with caretaking responsibilities for children shall be permitted to make arrangements for those children.",
    "The number and personal details of the children of a woman prisoner shall be recorded at the time of admission.",
    "Women prisoners shall be allocated, to the extent possible, to prisons close to their home or place of social rehabilitation.",
    "A woman prisoner shall receive gender-specific health screening, including screening for sexually transmitted infections and for cervical cancer.",
    "The punishment of cellular confinement may be imposed on any prisoner, including a woman who is pregnant.",
    "Handcuffs may be applied to a woman prisoner while she is escorted to hospital for childbirth where the escorting officer considers it necessary.",
    "A child living in prison with the mother shall have access to ongoing health-care services, including monitoring of development by specialists.",
    "Disciplinary sanctions for women prisoners shall not include a prohibition of family contact, especially with children.",
    "Women prisoners who report abuse shall be provided with immediate protection, support and counselling.",
    "Pregnant women and nursing mothers shall receive advice on their health and diet, and adequate and timely food shall be provided free of charge.",
    "The governor may order a strip search of any woman prisoner by any officer available where time does not permit otherwise.",
]
DEFINITIONS = [
    '"governor" includes an officer for the time being in charge of a prison',
    '"health care team" means the persons providing health care services in a prison',
    '"prisoner" means a person for the time being detained in legal custody in a prison',
    '"woman prisoner" means a prisoner who is a woman, and includes a girl',
    '"instruments of restraint" means handcuffs, body belts and any other mechanical restraint',
    '"close confinement" includes cellular confinement and segregation for disciplinary purposes',
]
HEADINGS = [
    "General duty",
    "Records",
    "Exercise",
    "Visits",
    "Letters",
    "Complaints",
    "Property",
    "Searching",
    "Medical attendance",
    "Removal from association",
    "Use of force",
    "Punishments",
    "Earnings",
    "Education",
    "Library",
    "Escorts",
    "Religious observance",
    "Legal advisers",
    "Drug testing",
    "Bedding",
    "Food",
    "Clothing",
    "Information to prisoners",
    "Hearing of charges",
    "Temporary release",
]


@dataclass
class Section:
    number: int
    heading: str
    paragraphs: list[str] = field(default_factory=list)  # "(1) ...", "(a) ..." already numbered


@dataclass
class Part:
    number: int
    title: str
    sections: list[Section] = field(default_factory=list)


@dataclass
class Regulation:
    title: str
    parts: list[Part]

    def lines(self) -> list[tuple[str, str]]:
        """(kind, text) in reading order; kind is title / part / heading / para."""
        out = [("title", self.title)]
        for part in self.parts:
            out.append(("part", f"PART {_roman(part.number)}"))
            out.append(("part", part.title.upper()))
            for section in part.sections:
                out.append(("heading", section.heading))
                first, *rest = section.paragraphs
                out.append(
                    ("para", f"{section.number}.—{first}" if first.startswith("(") else f"{section.number}. {first}")
                )
                out += [("para", p) for p in rest]
        return out

    def text(self) -> str:
        return "\n\n".join(text for _, text in self.lines()) + "\n"

    def words(self) -> int:
        return sum(len(text.split()) for _, text in self.lines())


def synthesize(words: int, seed: int, title: str = TITLE) -> Regulation:
    """A regulation of about `words` words, divided into Parts of sections."""
    rng = random.Random(seed)
    parts: list[Part] = []
    total, number = 0, 0
    sections_per_part = max(2, words // (len(PART_TITLES) * 160))
    while total < words:
        part = Part(len(parts) + 1, PART_TITLES[len(parts) % len(PART_TITLES)])
        parts.append(part)
        for _ in range(sections_per_part):
            number += 1
            section = _section(rng, number, definitions=number == 1)
            part.sections.append(section)
            total += sum(len(p.split()) for p in section.paragraphs) + 3
            if total >= words:
                break
    return Regulation(title, parts)


def _section(rng: random.Random, number: int, definitions: bool) -> Section:
    if definitions:
        body = ["(1) In these Rules—"] + [f"{d};" for d in DEFINITIONS]
        return Section(number, "Interpretation", body)
    section = Section(number, rng.choice(HEADINGS))
    for n in range(1, rng.randint(2, 5) + 1):
        if rng.random() < 0.2:
            section.paragraphs.append(f"({n}) {rng.choice(ITEM_LEADS)}—")
            items = rng.sample(ITEMS, rng.randint(2, 5))
            letters = "abcdefgh"
            section.paragraphs += [
                f"({letters[i]}) {item}{';' if i < len(items) - 1 else '.'}" for i, item in enumerate(items)
            ]
        elif rng.random() < 0.08:
            section.paragraphs.append(f"({n}) {rng.choice(WOMEN_CLAUSES)}")
        else:
            section.paragraphs.append(f"({n}) {_sentence(rng)} {_sentence(rng)}")
    return section


def _sentence(rng: random.Random) -> str:
    condition = rng.choice(CONDITIONS)
    subject = rng.choice(SUBJECTS)
    if condition:
        subject = subject[0].lower() + subject[1:]
    return f"{condition}{subject} {rng.choice(DUTIES)} {rng.choice(CLAUSES)}{rng.choice(TAILS)}"


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def write_pdf(reg: Regulation, path: Path) -> int:
    """Render as A4 with a running header and a "Page N of M" footer; return the page count."""
    from fpdf import FPDF

    class _Pdf(FPDF):
        def header(self) -> None:
            self.set_font(self.body_font, size=8)
            self.cell(0, 6, reg.title, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font(self.body_font, size=8)
            self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = _Pdf(format="A4")
    pdf.body_font = _register_font(pdf)
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    for kind, text in reg.lines():
        if kind == "title":
            pdf.set_font(pdf.body_font, "B", 14)
            pdf.multi_cell(0, 8, text, align="C", new_x="LMARGIN", new_y="NEXT")
        elif kind == "part":
            pdf.set_font(pdf.body_font, "B", 12)
            pdf.multi_cell(0, 7, text, align="C", new_x="LMARGIN", new_y="NEXT")
        elif kind == "heading":
            pdf.ln(2)
            pdf.set_font(pdf.body_font, "B", 11)
            pdf.multi_cell(0, 6.5, text, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font(pdf.body_font, "", 11)
            indent = 8 if text.startswith("(") and text[1].isalpha() and text[2] == ")" else 0
            pdf.set_x(pdf.l_margin + indent)
            pdf.multi_cell(pdf.epw - indent, 7, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.output(str(path))
    return pdf.pages_count


def _register_font(pdf) -> str:
    # The core PDF fonts cannot encode "—"; DejaVu can and ships with most Linux systems.
    if (_DEJAVU / "DejaVuSerif.ttf").exists():
        pdf.add_font("DejaVuSerif", "", str(_DEJAVU / "DejaVuSerif.ttf"))
        pdf.add_font("DejaVuSerif", "B", str(_DEJAVU / "DejaVuSerif-Bold.ttf"))
        return "DejaVuSerif"
    return "helvetica"


def write_docx(reg: Regulation, path: Path) -> None:
    """Render with Word heading styles for the title, Parts and section headings."""
    import docx

    document = docx.Document()
    for kind, text in reg.lines():
        if kind == "title":
            document.add_heading(text, level=0)
        elif kind == "part":
            document.add_heading(text, level=1)
        elif kind == "heading":
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    document.save(str(path))


def write_batch(directory: Path, count: int, seed: int) -> list[Path]:
    """`count` regulations of 1-3 pages each, alternating plain text and DOCX."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        reg = synthesize(rng.randint(350, 1000), seed + i + 1, title=f"The Prison (Amendment No. {i + 1}) Rules 2031")
        path = directory / f"doc{i + 1:02d}.{'txt' if i % 2 == 0 else 'docx'}"
        if path.suffix == ".txt":
            path.write_text(reg.text(), encoding="utf-8")
        else:
            write_docx(reg, path)
        paths.append(path)
    return paths
