// Public behaviour: queues, affection, touch and noise.

norm orderly_queue {
  expectation: "People queue in order of arrival and do not hold places for others or push in."
  holds_in: [GB, CA, SE]
  source: """
    British culture and customs, http://www.helpcentreuk.com/uk-online-guide/british-culture/;
    Queueing, https://duerrs.co.uk/proud/queueing/;
    Living in Canada day to day, https://canadavisa.com/canada-immigration-discussion-board/threads/videos-about-living-in-canada-day-to-day.586732/post-7269911;
    Social Customs, Swedish University of Agricultural Sciences, http://www.slu.se/en/education/new-student/useful-information/social-customs/
    """
}

preference hold_a_place {
  text: "hold a place in the queue for a friend"
  reason: "the friend is parking the car with a sick toddler and cannot stand in line"
}

scenario pharmacy_queue {
  type: public
  setting: "In {country}, {actor} is third in a long queue at the pharmacy, with {receiver} just behind."
  actor: "customer"
  receiver: "next customer"
  norm: orderly_queue
  preference: hold_a_place
  follow: "Keep only their own place; the friend joins at the back."
  allow: "Let the friend join them in the queue on arrival."
}

norm no_public_affection {
  expectation: "Couples do not kiss or embrace in public."
  holds_in: [IN, LK, NP, KE, BD]
  source: """
    While in India, how do I ensure that I am respectful to the culture and people?, https://www.omodyssey.com/faq/are-we-going-hiking-even-though-its-raining-and-windy/;
    Lonely Planet, Sri Lanka etiquette, https://www.lonelyplanet.com/sri-lanka/practical-information/directory/etiquette/a/nar/16ae9e96-14cf-441d-92f0-6b110704ea4c/357442;
    Cultural etiquette (Nepal), https://outfitternepal.com/cultural-etiquette;
    Kenya travel tidbits, https://www.skandaholidays.co.uk/kenya-travel-tidbits/;
    Local Customs & Etiquette in Dhaka, https://aicityinfo.com/local-customs-etiquette-in-dhaka-bangladesh
    """
}

preference farewell_kiss {
  text: "kiss and hug goodbye on the platform"
  reason: "they will not see each other for a whole year"
}

scenario station_farewell {
  type: public
  setting: "In {country}, {actor} sees {receiver} off at a busy railway station before a year of work abroad."
  actor: "spouse"
  receiver: "travelling spouse"
  norm: no_public_affection
  preference: farewell_kiss
  follow: "Say goodbye warmly with words and a brief touch of the hand."
  allow: "Kiss and hug goodbye on the platform."
}

norm no_head_touching {
  expectation: "Nobody touches another person's head, not even a child's, because the head is the most respected part of the body."
  holds_in: [TH, ID]
  source: """
    Thailand etiquette, https://holidaytravel.cc/Article/travelstory/asia/thailand/201602/81700.html;
    How not to offend in Thailand, https://calendar-australia.com/faq/how-not-to-offend-in-thailand;
    Dos & Don'ts in Indonesia, https://www.visitsoutheastasia.travel/activity/dos-donts-in-indonesia/
    """
}

preference pat_the_head {
  text: "pat the child on the head to praise them"
  reason: "where they grew up a pat on the head is the warmest praise an adult can give a child"
}

scenario child_recital {
  type: public
  setting: "In {country}, {actor} has just heard {receiver} from next door play a piece on the piano beautifully."
  actor: "neighbour"
  receiver: "child"
  norm: no_head_touching
  preference: pat_the_head
  follow: "Praise the child with words and a smile."
  allow: "Pat the child on the head."
}

norm feet_down {
  expectation: "People do not point the soles of their feet at others or rest their feet on furniture."
  holds_in: [TH, SA, BD]
  source: """
    How not to offend in Thailand, https://calendar-australia.com/faq/how-not-to-offend-in-thailand;
    Saudi Culture and Customs, http://teachsaudi.50webs.com/culture.htm;
    Customs, Etiquette and Manners in Bangladesh, https://factsanddetails.com/south-asia/Bangladesh/People_Bangladesh/entry-8174.html
    """
}

preference stretch_out_leg {
  text: "sit with their injured leg stretched out on a stool"
  reason: "their surgeon told them to keep the leg raised after a knee operation"
}

scenario waiting_room {
  type: public
  setting: "In {country}, {actor} sits in a small waiting room opposite {receiver}, who is visiting a relative. The only free stool is between them."
  actor: "patient"
  receiver: "visitor"
  norm: feet_down
  preference: stretch_out_leg
  follow: "Keep both feet on the floor despite the knee."
  allow: "Rest the leg on the stool with the sole toward the visitor."
}

norm quiet_on_transit {
  expectation: "People keep their voices low on public transport and avoid phone calls in quiet carriages."
  holds_in: [DE, SE]
  source: """
    Navigating Germany: Common Rules and Norms Foreigners Often Accidentally Break, https://ogasir.com/Navigating-Germany--Common-Rules-and-Norms-Foreigners-Often-Accidentally-Break;
    Etiquette: Key Customs for Visitors (Sweden), https://sveasaga.com/tips/cultural-etiquette
    """
}

preference take_the_call {
  text: "take the phone call on the train"
  reason: "their mother is in hospital and they are waiting for the doctor's call"
}

scenario train_call {
  type: public
  setting: "In {country}, {actor} is on a quiet commuter train when the phone rings with the hospital's number, while {receiver} sits reading opposite."
  actor: "commuter"
  receiver: "fellow passenger"
  norm: quiet_on_transit
  preference: take_the_call
  follow: "Reject the call and send a message asking them to wait until the next stop."
  allow: "Answer the call quietly in the seat."
}

norm replace_housemate_food {
  expectation: "Housemates treat food and supplies as personal property, and replace anything they use of another's."
  holds_in: [US]
  source: "American Customs, https://www.alleghenyinternational.org/american-customs.html"
}

preference share_the_kitchen {
  text: "treat the groceries in the kitchen as shared by everyone"
  reason: "in their family, food in the kitchen belongs to whoever is hungry and keeping count feels mean"
}

scenario shared_fridge {
  type: public
  setting: "In {country}, {actor} comes home late and hungry. The only milk in the fridge belongs to {receiver}."
  actor: "student"
  receiver: "housemate"
  norm: replace_housemate_food
  preference: share_the_kitchen
  follow: "Ask before using the milk and buy a new carton tomorrow."
  allow: "Use the milk as if it were shared."
}
