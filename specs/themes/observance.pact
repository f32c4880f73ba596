// Dress and religious observance: temples, churches, villages and holy days.

norm cover_up_at_temples {
  expectation: "Visitors to temples and churches cover their shoulders and knees."
  holds_in: [TH, LK, IT, NP]
  source: """
    Tips on Etiquette in Thailand, https://www.thailander.com/tips-on-etiquette-in-thailand/;
    Lonely Planet, Sri Lanka etiquette, https://www.lonelyplanet.com/sri-lanka/practical-information/directory/etiquette/a/nar/16ae9e96-14cf-441d-92f0-6b110704ea4c/357442;
    Lonely Planet, Italy etiquette, https://www.lonelyplanet.com/italy/busseto-verdi-country/practical-information/directory/etiquette/a/nar/4c0eafb5-7904-4c0b-884b-764d918e1652/1336014;
    Cultural etiquette (Nepal), https://www.snowleopardtrek.com/en/cultural-etiquette/
    """
}

preference light_clothes_in_heat {
  text: "wear shorts and a sleeveless top"
  reason: "the temperature is above 35 °C and long clothing gives them heat rash"
}

scenario temple_visit_dress {
  type: religion
  setting: "In {country}, {actor} is touring the old town in the midday heat with {receiver}, who suggests stepping into a famous temple or church nearby."
  actor: "tourist"
  receiver: "guide"
  norm: cover_up_at_temples
  preference: light_clothes_in_heat
  follow: "Put on long trousers and a shirt that covers the shoulders before going in."
  allow: "Go in wearing the shorts and sleeveless top."
}

norm barefoot_at_temple {
  expectation: "Visitors take off their shoes, and in Sri Lanka their hats as well, before entering a Buddhist temple, walking barefoot or in socks."
  holds_in: [LK, TH]
  source: """
    Etiquette at Buddhist Monasteries in Sri Lanka, https://mahamevnawa.org/etiquette-at-buddhist-monasteries-in-sri-lanka/;
    Lonely Planet, Sri Lanka etiquette, https://www.lonelyplanet.com/sri-lanka/practical-information/directory/etiquette/a/nar/16ae9e96-14cf-441d-92f0-6b110704ea4c/357442;
    Tips on Etiquette in Thailand, https://www.thailander.com/tips-on-etiquette-in-thailand/
    """
}

preference keep_sandals_on {
  text: "keep their sandals on"
  reason: "diabetic nerve damage means they may not feel a burn from the hot stone underfoot"
}

scenario temple_courtyard {
  type: religion
  setting: "In {country}, {actor} arrives at a temple with {receiver}. Shoes are lined up at the gate and the stone courtyard is hot in the afternoon sun."
  actor: "visitor"
  receiver: "friend"
  norm: barefoot_at_temple
  preference: keep_sandals_on
  follow: "Leave the sandals at the gate and walk in socks or barefoot."
  allow: "Keep the sandals on and explain the medical reason if asked."
}

norm face_buddha_images {
  expectation: "People do not pose for photographs with their back turned to a statue of the Buddha."
  holds_in: [LK]
  source: """
    Lonely Planet, Sri Lanka etiquette, https://www.lonelyplanet.com/sri-lanka/practical-information/directory/etiquette/a/nar/16ae9e96-14cf-441d-92f0-6b110704ea4c/357442;
    Respecting local traditions in Sri Lanka, https://www.wiowiki.com/must-read-sri-lanka/respecting-local-traditions/
    """
}

preference photo_with_statue {
  text: "take a photo of themselves standing in front of the statue"
  reason: "they promised their bedridden grandmother a picture of themselves at the place she visited as a girl"
}

scenario buddha_photo {
  type: religion
  setting: "In {country}, {actor} stands before a great Buddha statue at a temple and asks {receiver} to take a picture."
  actor: "traveller"
  receiver: "fellow traveller"
  norm: face_buddha_images
  preference: photo_with_statue
  follow: "Take a photo of the statue alone, or stand to the side facing it."
  allow: "Pose for the picture with their back to the statue."
}

norm cover_head_in_church {
  expectation: "Women cover their heads, and men take off their hats, when entering an Orthodox church."
  holds_in: [RU]
  source: "Lonely Planet, Moscow etiquette, https://www.lonelyplanet.com/russia/moscow/practical-information/directory/etiquette/a/nar/4b46bb95-980e-4067-b603-e30b78205492/1331588"
}

preference bare_headed {
  text: "enter without covering or uncovering their head"
  reason: "they are not religious and feel that the gesture expresses a faith they do not hold"
}

scenario church_visit {
  type: religion
  setting: "In {country}, {receiver} invites {actor} to see the icons inside an Orthodox church during a weekday afternoon."
  actor: "visitor"
  receiver: "friend"
  norm: cover_head_in_church
  preference: bare_headed
  follow: "Follow the custom for head covering before going in."
  allow: "Go in as they are."
}

norm modest_village_dress {
  expectation: "In villages, women wear long skirts, a sarong (sulu, lavalava) or loose trousers rather than shorts."
  holds_in: [BD, NP, FJ, WS, TO]
  source: """
    Customs, Etiquette and Manners in Bangladesh, https://factsanddetails.com/south-asia/Bangladesh/People_Bangladesh/entry-8174.html;
    Cultural etiquette (Nepal), https://outfitternepal.com/cultural-etiquette;
    Fijian village etiquette, http://ticketanywhere.blogspot.com/2009/05/fijian-village-etiquette.html;
    Protocols, Samoa Tourism Authority, https://www.samoa.travel/discover/our-culture/protocols/;
    Tonga, http://www.journeum.com/dst/Oceania/Tonga/Information/
    """
}

scenario village_walk {
  type: dress
  setting: "In {country}, {actor} is staying in a village as the guest of {receiver}. It is hot, and the guest wants to walk to the village shop."
  actor: "guest"
  receiver: "host"
  norm: modest_village_dress
  preference: light_clothes_in_heat
  follow: "Wrap a long sarong or skirt over the shorts before going out."
  allow: "Walk to the shop in shorts."
}

norm no_hats_in_village {
  expectation: "Visitors take off their hats and sunglasses in a Fijian village."
  holds_in: [FJ]
  source: """
    Fijian village etiquette, http://ticketanywhere.blogspot.com/2009/05/fijian-village-etiquette.html;
    Royal Davui Island Resort, Fiji compendium, https://royaldavuifiji.com/compendium/
    """
}

preference keep_sun_hat {
  text: "keep their hat and sunglasses on"
  reason: "they recently had a skin cancer removed and their doctor told them to keep out of the sun"
}

scenario village_sun_hat {
  type: dress
  setting: "In {country}, {receiver} is showing {actor} around the village gardens in the midday sun."
  actor: "visitor"
  receiver: "villager"
  norm: no_hats_in_village
  preference: keep_sun_hat
  follow: "Take off the hat and sunglasses in the village."
  allow: "Keep the hat and sunglasses on and explain why."
}

norm evening_prayer_curfew {
  expectation: "During the evening prayer curfew (Sa), people do not walk through the village."
  holds_in: [WS]
  source: """
    Protocols, Samoa Tourism Authority, https://www.samoa.travel/discover/our-culture/protocols/;
    Church, Samoa Tourism Authority, https://www.samoa.travel/discover/our-culture/church/
    """
}

preference walk_home_now {
  text: "walk back through the village to their guesthouse right away"
  reason: "night is falling and they are afraid of walking the unlit road in the dark"
}

scenario sa_bell {
  type: religion
  setting: "In {country}, {actor} is walking back to the guesthouse at dusk when the bell for Sa rings, while {receiver} sits outside a house by the road."
  actor: "traveller"
  receiver: "villager"
  norm: evening_prayer_curfew
  preference: walk_home_now
  follow: "Wait by the road until the curfew ends."
  allow: "Keep walking quietly through the village."
}

norm sunday_rest {
  expectation: "Sunday is kept for church, rest and family; people stop work and keep quiet, and visitors avoid leisure outings around the villages."
  holds_in: [TO, WS, FJ]
  source: """
    Tonga, http://www.journeum.com/dst/Oceania/Tonga/Information/;
    Protocols, Samoa Tourism Authority, https://www.samoa.travel/discover/our-culture/protocols/;
    Fijian village etiquette, http://ticketanywhere.blogspot.com/2009/05/fijian-village-etiquette.html
    """
}

preference sunday_swim {
  text: "go swimming on Sunday"
  reason: "Sunday is their only day off and swimming is the exercise their physiotherapist prescribed"
}

scenario sunday_beach {
  type: religion
  setting: "In {country}, it is Sunday morning and the family of {receiver}, with whom {actor} is staying, is getting ready for church. The lagoon is calm."
  actor: "guest"
  receiver: "host"
  norm: sunday_rest
  preference: sunday_swim
  follow: "Spend a quiet Sunday and swim another day."
  allow: "Go for a swim in the lagoon."
}

norm offerings_to_monks {
  expectation: "A woman does not hand anything directly to a Buddhist monk; she places it within his reach or passes it through a man."
  holds_in: [TH, LK]
  source: """
    Tips on Etiquette in Thailand, https://www.thailander.com/tips-on-etiquette-in-thailand/;
    Thailand dos and don'ts, https://lifeonwheel.com?p=do-and-dont;
    Sri Lanka customs, https://doastheydo.com/country/sri-lanka/customs
    """
}

preference hand_it_over {
  text: "hand the offering directly to the monk"
  reason: "they believe passing it through a man treats women as lesser"
}

scenario alms_offering {
  type: religion
  setting: "In {country}, {actor}, a woman, has brought a packet of food as an offering to {receiver}, a monk visiting the neighbourhood."
  actor: "neighbour"
  receiver: "monk"
  norm: offerings_to_monks
  preference: hand_it_over
  follow: "Place the food on the cloth in front of the monk."
  allow: "Hand the food to the monk directly."
}

norm ramadan_no_public_eating {
  expectation: "During Ramadan daylight hours, people do not eat or drink in front of those who are fasting."
  holds_in: [ID, MA, EG, PK]
  source: """
    Dos & Don'ts in Indonesia, https://www.visitsoutheastasia.travel/activity/dos-donts-in-indonesia/;
    Cyberberbere, what to know (Morocco), http://cyberberbere.com/a_savoir.htm;
    Egypt Dining Etiquette, https://www.etiquettescholar.com/dining_etiquette/table-etiquette/africa-n_dinner_etiquette/egyptian.html;
    Manners in Pakistan, https://c.web-standard.org/en/countries/PAK/manners
    """
}

preference regular_meals {
  text: "eat their lunch at their desk as usual"
  reason: "a blood sugar condition means they must eat at regular times"
}

scenario ramadan_office_lunch {
  type: religion
  setting: "In {country}, it is Ramadan, and most of the office is fasting. At noon {actor} is hungry, and {receiver}, at the desk opposite, is fasting."
  actor: "employee"
  receiver: "colleague"
  norm: ramadan_no_public_eating
  preference: regular_meals
  follow: "Eat in a private room away from the fasting colleagues."
  allow: "Eat lunch at the desk as usual."
}
