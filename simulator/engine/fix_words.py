"""Words for recognising a scenario fix by what it offers: filler to ignore, and synonym groups.

Data, not logic: `simulator.engine.fix_match` stems these and uses them. A trainer who finds a
common way of offering a fix that is missed adds the word to a group here (or, for one scenario,
another phrase to the fix in its file).
"""

from __future__ import annotations

# Words that say nothing about *which* fix is offered: pronouns, articles, the verbs of any offer
# ("I will arrange", "let me get"), times ("today", "this week": the timeline is scored apart).
FILLER: frozenset[str] = frozenset(
    """
    a an the and or but of to for in on at by with from into onto about as so if than then that
    this these those there here it its it's i i'm i'll i've i'd me my mine we we'll we're we've
    us our ours you you'll you're your yours he she him her his hers they them their is are was
    were be been being am do does did done have has had will would shall should can could may
    might must let lets get got make made put take give go going come coming now today tomorrow
    tonight week weeks day days hour hours minute minutes morning afternoon evening monday tuesday
    wednesday thursday friday saturday sunday next right straight away personally also too just
    really very all any some one's what which who when where how please arrange arranging book
    booking sort sorting organise organize set up free happy want like able sure okay ok yes no
    not new own
    """.split()
)

# Words that offer the same thing. The first word of a group is the one the others are read as.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("refund", "reimburse", "reimbursement", "repay", "repaid", "payback", "reverse", "reversal"),
    ("credit", "voucher", "coupon", "gift card", "discount"),
    ("waive", "cancel", "remove", "drop", "scrap", "void"),
    ("replace", "replacement", "exchange", "swap", "substitute"),
    ("deliver", "delivery", "courier", "ship", "shipping", "send", "post", "dispatch"),
    ("appointment", "session", "slot", "booking", "visit", "call-out", "setup", "install"),
    ("home", "house", "flat", "doorstep", "place"),
    ("engineer", "technician", "specialist", "fitter"),
    ("advisor", "adviser", "agent", "colleague", "specialist", "expert", "someone"),
    ("manager", "supervisor", "lead", "head"),
    ("letter", "note", "written", "write", "writing"),
    ("apology", "apologise", "apologize"),
    ("call", "ring", "telephone"),
    ("email", "e-mail", "mail", "message", "text"),
    ("complaint", "report", "escalate", "escalation", "investigate", "investigation", "review"),
    ("compensate", "compensation", "goodwill", "gesture", "make up"),
    ("private", "one-to-one", "personal", "dedicated", "individual"),
    ("upgrade", "better", "superior"),
    ("priority", "urgent", "express", "fast-track", "first"),
    ("fee", "charge", "cost", "payment", "bill"),
)
