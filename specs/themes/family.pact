// Family obligations and respect for elders.

norm support_parents {
  expectation: "Adult children support their parents financially."
  holds_in: [PH]
  source: "Philippine Customs, https://philippinediving.com/customs.htm"
}

preference save_for_own_home {
  text: "put their savings toward a home for their own young family"
  reason: "they are saving for a deposit so that their children can stop moving between rented rooms"
}

scenario first_bonus {
  type: family
  setting: "In {country}, {actor} has received a first year-end bonus, and {receiver} mentions that the roof of the family house needs repair."
  actor: "adult child"
  receiver: "parent"
  norm: support_parents
  preference: save_for_own_home
  follow: "Give most of the bonus to the parents for the roof."
  allow: "Put the bonus toward the deposit for their own home."
}

norm care_for_elders_at_home {
  expectation: "Ageing relatives are cared for at home by their family."
  holds_in: [ES]
  source: "Social life and etiquette (Spain), https://toplist.info/top/social-life-and-etiquette-74712.htm"
}

preference care_home {
  text: "move their parent into a care home"
  reason: "they work full time and the parent now needs nursing day and night"
}

scenario ageing_parent {
  type: family
  setting: "In {country}, the health of {receiver} has worsened and the doctor says they can no longer live alone, and {actor}, an only child, works full time."
  actor: "adult child"
  receiver: "parent"
  norm: care_for_elders_at_home
  preference: care_home
  follow: "Bring the parent to live at home and arrange the care there."
  allow: "Find a good care home for the parent."
}

norm give_seat_to_elderly {
  expectation: "Younger passengers give up their seat to elderly people on public transport."
  holds_in: [IT, PL]
  source: """
    Frommer's, Campania etiquette, https://www.frommers.com/destinations/campania/in-depth/etiquette;
    Savoir-vivre (Poland), https://intopoland.com/travel-tips/savoir-vivre.html
    """
}

preference keep_seat {
  text: "keep their seat"
  reason: "they have just finished a twelve-hour shift on their feet as a nurse"
}

scenario crowded_tram {
  type: public
  setting: "In {country}, {actor} has found the last seat on a crowded tram when {receiver}, well into their eighties, gets on with a bag of shopping."
  actor: "passenger"
  receiver: "passenger"
  norm: give_seat_to_elderly
  preference: keep_seat
  follow: "Stand up and offer the seat."
  allow: "Stay seated."
}

norm answer_personal_questions {
  expectation: "Questions about age, marriage, children and even income are ordinary conversation at a first meeting, and people answer them openly."
  holds_in: [LK, FJ]
  source: """
    Sri Lanka dos and don'ts, https://www.oocities.org/srilankayellowpages/travel/dosanddonts.htm;
    Royal Davui Island Resort, Fiji compendium, https://royaldavuifiji.com/compendium/
    """
}

preference keep_private {
  text: "politely avoid talking about their marriage and children"
  reason: "they are going through a painful divorce"
}

scenario bus_conversation {
  type: family
  setting: "In {country}, on a long bus ride, {receiver} in the next seat asks {actor} whether they are married and how many children they have."
  actor: "traveller"
  receiver: "fellow passenger"
  norm: answer_personal_questions
  preference: keep_private
  follow: "Answer the questions openly."
  allow: "Smile and steer the conversation elsewhere."
}
