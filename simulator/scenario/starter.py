"""The commented starter file that `new ID` writes: valid as written, ready to edit."""

from __future__ import annotations

STARTER = """\
# yaml-language-server: $schema={schema}
# A scenario for the recovery simulator. Every field is explained in {guide}
# Check it with:   {command} validate {filename}
# Calibrate with:  {command} calibrate {filename}
# Play it with:    {command} play --scenario {filename}
version: 1
id: {id}                 # unique in the library: lowercase letters, digits, hyphens
title: Parcel left in the rain
category: delivery           # free text, used to filter the library
industry: parcel delivery    # the business; `list --industry` filters by it
channel: chat                # chat, email or phone: write the lines to read like it
difficulty: 2                # 1 gentle, 2 firm, 3 hostile
customer:
  name: Sam Okafor
  anger: 70                  # starting anger, 0 (calm) to 100 (walks out)
  patience: 6                # replies the trainee gets before the customer gives up
situation: |
  Sam ordered a $120 pair of headphones as a birthday present for his daughter.
  The courier left the parcel on the doorstep in the rain on Saturday, against Sam's
  "leave with neighbour" note, and the box was soaked through. The birthday is Tuesday.
opening: >-
  Your courier dumped my parcel on the doorstep in the pouring rain, even though I wrote
  "leave with neighbour". The box is soaked. It's my daughter's birthday present!
facts:                       # what went wrong; specific apologies and paraphrases name these
  - id: left-in-rain
    phrases: ["left on the doorstep", "in the rain", "soaked", "ignored your note"]
  - id: birthday-present
    phrases: ["birthday present", "your daughter's birthday", "Tuesday"]
resolutions:                 # fixes this customer would accept
  - id: replacement
    phrases: [replacement, "send a new pair", "new headphones", "reship"]
    accept: "Okay. If a new pair is here before Tuesday, that saves the birthday."
  - id: refund
    phrases: [refund, "money back"]
    accept: "Fine, refund it and I'll buy them in town. Thanks for sorting it."
moods:                       # what the customer says, by how angry they are
  furious:
    - "Do you even read the delivery notes? It said NEIGHBOUR."
    - "Soaked. The box fell apart in my hands."
    - "Her birthday is on Tuesday. What am I supposed to give her now?"
  angry:
    - "I just want my daughter to have her present on Tuesday."
    - "So what are you going to do about it?"
    - "I paid for delivery, not for a puddle on my doorstep."
  calming:
    - "Okay. What happens now?"
    - "Thank you. That's more like it."
    - "Alright. I just need it sorted before Tuesday."
  satisfied:
    - "Alright, that's fair. Thanks for taking it seriously."
    - "Good. She'll never know anything went wrong."
    - "Thanks. That's all I wanted."
reactions:                   # optional: lines for what the scorer detects in a reply
  excuse: ["I don't care how busy the courier was. It was raining."]
  non_apology:
    - "'Sorry I feel that way'? I feel that way because it's soaked."
    - "That's not an apology. My daughter's present is ruined."
examples:                    # calibration: how replies must score in this scenario
  - reply: "I'm so sorry your daughter's birthday present was left in the rain. I'll send a new pair today so it arrives before Tuesday."
    expect: {{apology: high, ownership: high, resolution: high}}
  - reply: "Couriers are very busy on Saturdays, so these things happen."
    expect: {{no_excuses: low, apology: low}}
  - reply: "I'm so sorry the headphones were left out in the rain. That's our mistake. I'll refund you in full today."
    expect: {{apology: high, resolution: high}}
answers:                     # optional: what the customer says when asked about something
  when: "Saturday afternoon. I got home at four and it was sitting in a puddle."
  amount: "They were $120."
  want: "A new pair here before Tuesday. That's all I want."
  what: "The courier left it on the doorstep in the rain, even though the note said neighbour."
scripts:                     # golden conversations: `calibrate` checks how each one ends
  - name: good
    expect: resolved
    replies:
      - "Sam, I'm so sorry your daughter's birthday present was left in the rain after you asked for it to go to a neighbour. That's our mistake."
      - "I'll send a new pair today by express so it arrives before Tuesday, and I'll email you the tracking by 5pm. Does that work for you?"
  - name: bad
    expect: walked_out
    replies:
      - "I'm sorry you feel that way, but the courier was very busy on Saturday."
      - "You should have been home. It's not a big deal."
      - "That's our policy, you'll need to contact the courier."
      - "As I said, there's nothing I can do."
      - "Calm down, these things happen."
      - "Whatever."
"""


def starter_text(
    scenario_id: str,
    filename: str,
    schema: str,
    command: str = "recovery-sim",
    guide: str = "docs/AUTHORING.md",
) -> str:
    """`command` is how the trainer runs the program (`recovery-sim`, or `python run.py`)."""
    return STARTER.format(
        id=scenario_id, filename=filename, schema=schema, command=command, guide=guide
    )
