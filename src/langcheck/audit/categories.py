"""Plain explanations of each category, for readers of an audit report.

A safeguarding lead shares the report with managers and practitioners who have not read the
guidance; each category needs one sentence on what it covers and one on why it matters,
written for them (section 2 of shared/lexicon-sources.md is the curator's definition).
"""

from __future__ import annotations

EXPLANATIONS: dict[str, str] = {
    "implies-consent": (
        "Wording that presents abuse as something the child agreed to or wanted. A child cannot "
        "consent to their own exploitation, and a record that says otherwise can undermine an "
        "investigation."
    ),
    "choice-framing": (
        "Wording that treats the child's situation as a decision they made, such as a "
        "'lifestyle choice'. It hides the adults who are exploiting the child and the "
        "pressures on them."
    ),
    "blames-child-for-risk": (
        "Wording that makes the child the source of the danger, such as 'putting herself at "
        "risk'. The risk comes from the adults who harm children; the record should say so."
    ),
    "relationship-framing": (
        "Calling an adult who abuses a child a 'boyfriend' or 'partner', or the abuse a "
        "'relationship'. It makes abuse sound mutual and normal."
    ),
    "sex-work-framing": (
        "Words from prostitution or trade used about a child. A child who is sexually "
        "exploited is a victim of abuse, not someone selling sex."
    ),
    "sexualised-label": (
        "Moral judgements about a child's sexual behaviour or character. They blame the child "
        "and can follow them through later assessments."
    ),
    "minimises-abuse": (
        "Wording that makes harm sound smaller or older than it is. It can lower the response "
        "a child receives."
    ),
    "abuse-material-terminology": (
        "Terms such as 'child pornography' for images of child sexual abuse. Each image "
        "records a crime against a child; the accepted terms are 'child sexual abuse material' "
        "and 'indecent images of children'."
    ),
    "criminalises-child": (
        "Describing a child who is exploited as an offender or an employee, such as a 'drug "
        "runner'. It can lead services to punish a child instead of protecting them."
    ),
    "adultifies-child": (
        "Treating a child as older or less vulnerable than they are, such as 'streetwise'. It "
        "lowers the protection that a child is owed."
    ),
    "professional-jargon": (
        "Labels that move responsibility from services onto the child or family, such as "
        "'hard to reach'. They describe how services see a family, not what the family needs."
    ),
    "disbelief": (
        "Wording that signals the child is not believed, such as 'alleged' or 'malicious'. "
        "It discourages children from telling and colours later decisions."
    ),
    "mutualises-violence": (
        "Domestic-abuse wording that makes violence two-sided or puts the onus on the victim, "
        "such as a 'volatile relationship'. It hides who is causing the harm."
    ),
}


def explain(category: str) -> str:
    """The plain explanation of a category (a locally added one gets a neutral line)."""
    return EXPLANATIONS.get(category, "A category defined by a local lexicon.")
