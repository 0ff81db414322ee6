"""Generate a realistic, invented corpus of case notes as JSONL for the audit benchmark.

Why generated: real case notes can never leave a council, and a benchmark must be
reproducible by anyone. The notes are built from sentences written for this project:
routine recording (visits, school, health, meetings), clean near-misses that share words
with the rules ("consent form", "at risk of exclusion", "put in place", "partner
agencies", "placed with her aunt"), and, in about 3% of notes, one sentence with the kind of
wording the lexicon flags. The problem rate differs by team and falls over the years, so an
HTML report of the corpus has a trend and a comparison to show.

    python bench/corpus.py --notes 200000 --out bench/out/notes-200000.jsonl

Every value is invented. Output goes under bench/out/ (git-ignored); never commit it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

GIRLS = ["Amara", "Bella", "Chloe", "Daisy", "Ellie", "Freya", "Grace", "Hana", "Isla", "Jess",
         "Kayla", "Leah", "Maya", "Nadia", "Olivia", "Poppy", "Ruby", "Sofia", "Tia", "Zara"]
BOYS = ["Aaron", "Ben", "Callum", "Dylan", "Ethan", "Finn", "George", "Harvey", "Idris", "Jamal",
        "Kyle", "Liam", "Mason", "Noah", "Omar", "Reece", "Sami", "Tyler", "Will", "Yusuf"]
WORKERS = ["A. Khan", "B. Lewis", "C. Okafor", "D. Price", "E. Novak", "F. Murray", "G. Singh",
           "H. Doyle", "J. Evans", "K. Mensah", "L. Brooks", "M. Ahmed", "N. Walsh", "P. Green",
           "R. Taylor", "S. Patel", "T. Hughes", "V. Reid", "W. Clarke", "Y. Chen"]
TEAMS = {  # team -> (service, relative problem rate)
    "North Assessment": ("Children's Social Care", 1.3),
    "South Assessment": ("Children's Social Care", 1.0),
    "Children in Care": ("Children's Social Care", 0.8),
    "Exploitation Hub": ("Children's Social Care", 1.6),
    "Early Help East": ("Early Help", 0.7),
    "Youth Justice": ("Youth Justice Service", 1.2),
}
PLACES = ["the park", "the shopping centre", "the bus station", "a friend's flat", "the chip shop",
          "the library", "the leisure centre", "her nan's house", "the youth club", "town"]
SCHOOLS = ["Riverside Academy", "St Anne's High", "Northfield School", "Oakwood College",
           "the pupil referral unit", "Greenway Primary"]
AGENCIES = ["CAMHS", "the school nurse", "the housing officer", "the GP", "the youth worker",
            "the police liaison officer", "the family support worker", "the virtual school"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Routine recording. {c} child, {s}/{o}/{p} pronouns (she/her/her), {m} parent, {w} worker.
CLEAN = [
    "Home visit completed with {m} and {c} at {t}.",
    "{c} was seen alone in {p} bedroom and talked about school and friends.",
    "The house was warm and tidy, and there was food in the kitchen.",
    "{c} said {s} enjoys football on Saturdays with {p} cousin.",
    "School reported that attendance this term is {n} percent.",
    "Telephone call with the school nurse about {c}'s asthma review.",
    "{m} said the family is managing better since the housing officer became involved.",
    "Strategy discussion held with police and health on {d}.",
    "Agreed actions: social worker to visit weekly and school to share attendance each Friday.",
    "{c} has been going to the youth club on {wd} evenings.",
    "The GP confirmed that immunisations are up to date.",
    "{c} was quiet at first but became more talkative when we walked to the park.",
    "The core group met on {d}; everyone attended apart from the housing provider.",
    "{m} asked for help with a school uniform grant and this was arranged.",
    "Return home interview completed by {w} from the missing children service.",
    "{c} spoke about feeling worried when {s} is at {pl}.",
    "Information was passed to the designated safeguarding lead at {sc}.",
    "Dad joined the meeting by phone and said he wants to be more involved.",
    "A referral was made to CAMHS for support with low mood and poor sleep.",
    "The family support worker will continue to visit twice a week.",
    "{c} was collected from school by {p} grandmother.",
    "Next review is booked for {d} at {t}.",
    "Contact with {p} siblings took place at the family centre and went well.",
    "{c} told me {s} would like more time with {p} dad.",
    "No new worries were raised by {sc} this week.",
    "{c} looked well cared for and engaged well with the session.",
    "Discussed bedtime routines and screen time with {m}.",
    "Police shared a report of a missing episode on {d}; {c} came back the next morning.",
    "{c}'s attendance at {sc} has improved since the last review.",
    "I checked that the smoke alarm was working and it was.",
    "{c} showed me drawings from art club and was proud of them.",
    "{m} has started a parenting course at the children's centre on {wd} mornings.",
    "{c} said the new bus route to school is easier.",
    "Visit cancelled by {m} at short notice; rearranged for {d}.",
    "Spoke with {a} who said {c} is making good progress.",
    "{c} would like to join a boxing club and {m} agreed to look into it.",
    "There is mould in the back bedroom and a repair has been requested from the landlord.",
    "{c} has a dental appointment on {d} and {m} will take {o}.",
    "The independent reviewing officer chaired the review and the plan was updated.",
    "{c} talked about a falling out with a friend and how it was sorted out.",
    "Food bank voucher given and a benefits check was offered.",
    "{c} is reading at the expected level for {p} age according to {sc}.",
    "Recorded by {w} after a visit lasting {n} minutes.",
    "{c} was happy to see me and showed me {p} new trainers.",
    "A welfare call was made at {t}; {m} answered and all was well.",
    "The education welfare officer will attend the next meeting.",
    "{c} was tired after a late night but said {s} was fine.",
    "Mum's mental health has been more stable and she is seeing her GP monthly.",
    "{c} has been attending all sessions with {a}.",
    "Case discussed in supervision with the team manager on {d}.",
]

# Clean sentences that share words with the rules; none should be flagged.
NEAR_MISS = [
    "{m} signed the consent form for the health assessment.",
    "{c} is at risk of exclusion because of missed lessons.",
    "A safety plan was put in place with {sc}.",
    "{c} was placed with {p} aunt under a kinship arrangement in {y}.",
    "{m}'s partner was present for part of the visit.",
    "Information was shared with partner agencies at the daily meeting.",
    "{m} consented to the referral to early help.",
    "{c} took {r} to school on time every day this week.",
    "Police recovered indecent images of children from the adult's devices.",
    "{m} said her boyfriend helps with the school run.",
    "The placement plan was reviewed with the foster carers.",
    "{c} kept {r} busy with homework in the evenings.",
    "Dad has a new partner who works nights.",
    "Extra support was put in place for the exams.",
    "{c} is at risk of missing the start of term because of the move.",
    "The consent form for sharing information with {a} is on file.",
    "{c} said {s} is proud of {r} for staying in school.",
    "{m} has asked {p} partner to leave the house while the assessment is completed.",
]

# The kind of wording the lexicon flags (a sentence of the recorder's own words).
PROBLEM = [
    "Staff feel {c} keeps putting {r} at risk by going missing at night.",
    "{c} is placing {r} in danger by getting into cars with older males.",
    "Officers found child porn on the man's phone.",
    "{c} ({ca}) was seen getting into a car with {p} boyfriend, who is {aa}.",
    "{c} ({ca}) consented to sex with the {aa}-year-old.",
    "{c} ({ca}) appears to be prostituting {r} for cigarettes and cash.",
    "The contact between {c} ({ca}) and the {aa}-year-old man seems consensual.",
    "{c} is choosing to stay out with older men.",
    "{c} is streetwise and knows how to look after {r}.",
    "{c} has made a lifestyle choice to spend time with gang members.",
    "{c} is a drug runner for a county line.",
    "{c} is promiscuous and flirts with older men.",
    "{c}'s allegation is probably malicious.",
    "{c} has put {r} at risk again this week.",
]

#: share of sentences drawn from NEAR_MISS: about one note in ten has one
NEAR_MISS_RATE = 0.008

PARENTS = ["Mum", "Dad", "Nan", "Mum", "Mum", "the carer", "Dad"]


def _fill(template: str, rng: random.Random, v: dict[str, str]) -> str:
    """Fill one template; the record-level slots are in `v`, the rest are drawn here."""
    if "{" not in template:
        return template
    return template.format(
        t=f"{rng.randint(8, 19)}:{rng.choice(('00', '15', '30', '45'))}",
        d=f"{rng.randint(1, 28)}/{rng.randint(1, 12)}",
        n=str(rng.randint(20, 98)),
        wd=rng.choice(WEEKDAYS),
        pl=rng.choice(PLACES),
        sc=rng.choice(SCHOOLS),
        a=rng.choice(AGENCIES),
        aa=str(rng.randint(19, 34)),
        **v,
    )


def _note(rng: random.Random, problem: bool) -> str:
    girl = rng.random() < 0.55
    name = rng.choice(GIRLS if girl else BOYS)
    v = {
        "c": name,
        "s": "she" if girl else "he",
        "o": "her" if girl else "him",
        "p": "her" if girl else "his",
        "r": "herself" if girl else "himself",
        "m": rng.choice(PARENTS),
        "w": rng.choice(WORKERS),
        "ca": str(rng.randint(12, 16)),
        "y": str(rng.randint(2015, 2023)),
    }
    target = rng.randint(50, 400)
    chronology = rng.random() < 0.3
    parts: list[str] = []
    words = 0
    problem_at = rng.randint(0, 3) if problem else -1
    i = 0
    while words < target:
        if i == problem_at:
            sentence = _fill(rng.choice(PROBLEM), rng, v)
        elif rng.random() < NEAR_MISS_RATE:
            sentence = _fill(rng.choice(NEAR_MISS), rng, v)
        else:
            sentence = _fill(rng.choice(CLEAN), rng, v)
        if chronology and rng.random() < 0.4:
            parts.append(f"\n{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d} - ")
        elif parts:
            parts.append(" ")
        parts.append(sentence)
        words += sentence.count(" ") + 1
        i += 1
    return "".join(parts).strip()


def generate(notes: int, out: Path, seed: int = 7) -> dict[str, float]:
    """Write `notes` records to `out`; return counts (notes, words, problem notes)."""
    rng = random.Random(seed)
    start = date(2021, 1, 1)
    days = (date(2024, 12, 31) - start).days
    teams = list(TEAMS)
    out.parent.mkdir(parents=True, exist_ok=True)
    problems = 0
    words = 0
    tmp = out.with_suffix(out.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for k in range(1, notes + 1):
            team = teams[k * 7919 % len(teams)] if rng.random() < 0.5 else rng.choice(teams)
            service, weight = TEAMS[team]
            offset = rng.randint(0, days)
            # about 3% overall, higher in some teams, falling by about half over the four years
            rate = 0.04 * weight * (1.0 - 0.5 * offset / days)
            problem = rng.random() < rate
            problems += problem
            text = _note(rng, problem)
            words += len(text.split())
            row = {
                "id": f"CN{k:07d}",
                "date": (start + timedelta(days=offset)).isoformat(),
                "team": team,
                "service": service,
                "author": rng.choice(WORKERS),
                "text": text,
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(out)
    return {"notes": notes, "words": words, "problem_notes": problems}


def corpus(notes: int, seed: int = 7, out_dir: Path = OUT) -> tuple[Path, dict[str, float]]:
    """The corpus file for these parameters, generated once and reused."""
    path = out_dir / f"notes-{notes}-s{seed}.jsonl"
    meta_path = path.with_suffix(".meta.json")
    if path.exists() and meta_path.exists():
        return path, json.loads(meta_path.read_text())
    meta = generate(notes, path, seed)
    meta_path.write_text(json.dumps(meta))
    return path, meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notes", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=None, help="default: bench/out/notes-N-sSEED.jsonl")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.out:
        meta = generate(args.notes, args.out, args.seed)
        path = args.out
    else:
        path, meta = corpus(args.notes, args.seed)
    print(f"{path}: {meta['notes']:,} notes, {meta['words']:,} words, "
          f"{meta['problem_notes']:,} with a problem sentence "
          f"({100 * meta['problem_notes'] / max(1, meta['notes']):.1f}%) "
          f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
