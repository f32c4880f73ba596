// Greetings: whom to greet first, how, and by which name.

norm greet_eldest_first {
  expectation: "On arrival, a visitor greets the oldest person present first."
  holds_in: [ZA, IN, VN, PK, IR, ET]
  source: """
    Tips to follow when you're invited to South African homes, https://all-luxury-apartments.com/blog-article-2787-tips-to-follow-when-you-re-invited-to-south-african-homes.html;
    Etiquette in India, https://snatours.com.au/blog/etiquette-in-india/;
    Dos and Don'ts for Vietnamese New Year (Tet festival), https://vietnamtravelgo.com/dos-and-donts-for-vietnamese-new-year-tet-festival/;
    Etiquette & Customs in Pakistan, https://pakistanicul.blogspot.com/2010/03/etiquette-customs-in-pakistan.html;
    Dining culture in Iranian houses, https://old.saednews.com/en/post/dining-culture-in-iranian-houses-how-to-eat-when-you-are-a-guest;
    Visiting Ethiopia? Learn the proper etiquettes: Part I, http://littlewanza.blogspot.com/2015/02
    """
}

preference greet_friend_first {
  text: "greet the friend who invited them first"
  reason: "they are shy with strangers and want their friend to introduce them"
}

scenario party_arrival {
  type: greetings
  setting: "In {country}, {actor} arrives at a family celebration to which {receiver} invited them. The friend's grandmother sits at the far side of the room."
  actor: "guest"
  receiver: "friend"
  norm: greet_eldest_first
  preference: greet_friend_first
  follow: "Cross the room and greet the grandmother first."
  allow: "Greet the friend first and wait to be introduced."
  countries: [ZA, IN, PK, IR]
}

preference greet_contact_first {
  text: "greet the business partner they came to see first"
  reason: "they have never met the founder and want their partner to introduce them"
}

scenario office_visit_elder {
  type: greetings
  setting: "In {country}, {actor} joins a meeting at the home office of {receiver}, whose father, the company founder, is also in the room."
  actor: "visitor"
  receiver: "business partner"
  norm: greet_eldest_first
  preference: greet_contact_first
  follow: "Greet the founder first."
  allow: "Greet the business partner first."
  countries: [VN, ET]
}

norm greet_each_person {
  expectation: "Someone arriving at a gathering greets each person present individually, with a handshake or a kiss."
  holds_in: [MX, KE, GH, AR, PE, PL]
  source: """
    Frommer's, Mexico etiquette, https://www.frommers.com/destinations/mexico/in-depth/etiquette;
    Cultural norms and generalities (Kenya), https://journeywithkenyanfriends.blogspot.com/p/cross.html;
    Etiquette (Ghana, Brian Schwimmer), http://www.modernghana.com/ghanahome/ghana/default.asp?menu_id=6&sub_menu_id=0&section=12;
    Eat, sleep and say how it is (Argentina), http://www.buenastareas.com/ensayos/Eat-Sleep-And-Say-How-It/1835371.html;
    Etiquette in Peru, http://www.vivatravelguides.com/south-america/peru/peru-overview/etiquette-in-peru/;
    Poland: communication, https://morevm.org/csk-country/poland-communication
    """
}

preference wave_to_all {
  text: "give the room a single wave and sit down"
  reason: "they have social anxiety and find greeting thirty people one by one overwhelming"
}

scenario crowded_birthday {
  type: greetings
  setting: "In {country}, {actor} arrives late at the birthday party of {receiver}. About thirty people are already there."
  actor: "guest"
  receiver: "host"
  norm: greet_each_person
  preference: wave_to_all
  follow: "Go round and greet each person in turn."
  allow: "Wave to the room and join the host."
}

norm kneel_to_greet_elders {
  expectation: "Among Yoruba families, young women kneel and young men prostrate themselves when greeting an elder."
  holds_in: [NG]
  source: """
    What are the significance of greetings in the Yoruba culture?, https://www.enotes.com/homework-help/what-are-the-significance-of-greetings-in-the-2111412;
    Traditions & Customs in Nigeria, https://travelshelper.com/destinations/africa/nigeria/traditions-customs-in-nigeria/
    """
}

preference bow_standing {
  text: "greet the elder standing, with a bow"
  reason: "a knee injury makes kneeling on the ground painful"
}

scenario in_laws_greeting {
  type: greetings
  setting: "In {country}, {actor} meets {receiver} for the first time, at the family home in Ibadan, a month before the wedding."
  actor: "future in-law"
  receiver: "parent of their partner"
  norm: kneel_to_greet_elders
  preference: bow_standing
  follow: "Kneel or prostrate to greet the parent."
  allow: "Greet the parent standing, with a deep bow."
}

norm mano_po {
  expectation: "Children and young adults greet older relatives with mano po, pressing the elder's hand to their own forehead."
  holds_in: [PH]
  source: """
    Pinoy customs: Mano Po, https://pinoychat-zone.blogspot.com/p/nba-live-tv.html;
    An introduction to Philippines people's customs, https://winenfood.com/an-introduction-to-philippines-peoples-customs
    """
}

preference hug_instead {
  text: "greet older relatives with a hug"
  reason: "they grew up abroad and a hug is how they show warmth to family"
}

scenario reunion_greeting {
  type: greetings
  setting: "In {country}, {actor} arrives at a family reunion and walks up to {receiver}, of the grandparents' generation, whom they have not seen in years."
  actor: "relative"
  receiver: "family elder"
  norm: mano_po
  preference: hug_instead
  follow: "Take the elder's hand and press it to the forehead."
  allow: "Greet the elder with a hug."
}

norm cheek_kiss_greeting {
  expectation: "At social gatherings, friends and new acquaintances greet each other with kisses on the cheek."
  holds_in: [BR, FR, AR, ES]
  source: """
    Lonely Planet, Brazil etiquette, https://www.lonelyplanet.com/brazil/sao-miguel-do-gostoso/practical-information/directory/etiquette/a/nar/f2373e8f-1d98-46f1-93ba-4ce1998fb1a3/1317806;
    Greetings: More Than Just Bonjour, https://qualifrance.pages.dev/french-etiquette-manners-guide/greetings-more-than-just-bonjour.html;
    The 5 Argentine customs that most surprise foreigners, https://www.serargentino.com/en/people/as-we-are/the-5-argentine-customs-that-most-surprise-foreigners;
    Socialising in Spain, https://toplist.info/top/socialising-in-spain-74716.htm
    """
}

preference handshake_only {
  text: "greet with a handshake instead of a kiss on the cheek"
  reason: "they are uncomfortable with close physical contact with people they barely know"
}

scenario friend_of_friend {
  type: greetings
  setting: "In {country}, at a house party, {actor} is introduced to {receiver}, a friend of a friend, who leans in for a kiss on the cheek."
  actor: "guest"
  receiver: "new acquaintance"
  norm: cheek_kiss_greeting
  preference: handshake_only
  follow: "Return the kiss on the cheek."
  allow: "Step back slightly and offer a handshake."
}

norm greet_shopkeeper {
  expectation: "A customer greets the shopkeeper on entering a small shop (bonjour, buongiorno) and says goodbye on leaving."
  holds_in: [FR, IT]
  source: """
    Etiquette & Customs in France, https://latranslation.com/etiquette-customs-in-france/;
    Lonely Planet, Italy etiquette, https://www.lonelyplanet.com/italy/busseto-verdi-country/practical-information/directory/etiquette/a/nar/4c0eafb5-7904-4c0b-884b-764d918e1652/1336014;
    Frommer's, Campania etiquette, https://www.frommers.com/destinations/campania/in-depth/etiquette
    """
}

preference browse_quietly {
  text: "browse and leave without starting a conversation"
  reason: "they are hard of hearing and avoid exchanges they may not be able to follow"
}

scenario bakery_entry {
  type: greetings
  setting: "In {country}, {actor} walks into a small bakery, where {receiver} stands behind the counter and no one else is inside."
  actor: "customer"
  receiver: "baker"
  norm: greet_shopkeeper
  preference: browse_quietly
  follow: "Greet the baker aloud on entering and on leaving."
  allow: "Point at the bread, pay and leave with a nod."
}

norm no_cross_gender_handshake {
  expectation: "A man does not offer his hand to a woman outside his family; a hand on the heart and a nod are used instead."
  holds_in: [BD, PK, SA]
  source: """
    Bangladesh traditions and customs, https://www.travelshelper.com/destinations/asia/bangladesh/bangladesh-traditions-customs/;
    Etiquette in Pakistan, http://rnbwroses.blogspot.com/2015/03/etiquette-in-pakistan.html;
    Saudi Arabia, http://smokeybones-culturesoftheworld.blogspot.com/2007/11/saudi-arabia-is-beautiful-and-at-time.html
    """
}

preference same_greeting_for_all {
  text: "offer a handshake to everyone alike"
  reason: "they believe greeting men and women differently treats women as unequal"
}

scenario project_kickoff {
  type: workplace
  setting: "In {country}, {actor} is visiting to meet a project team. After shaking hands with the men of the team, he reaches {receiver}, who leads the project and is the only woman present."
  actor: "consultant"
  receiver: "project lead"
  norm: no_cross_gender_handshake
  preference: same_greeting_for_all
  follow: "Place a hand on the heart and nod."
  allow: "Offer a handshake as to everyone else."
}

norm titles_until_invited {
  expectation: "People address others by title and surname until invited to use their first name."
  holds_in: [FR, PL, BD, PK]
  source: """
    Etiquette & Customs in France, https://latranslation.com/etiquette-customs-in-france/;
    Savoir-vivre (Poland), https://intopoland.com/travel-tips/savoir-vivre.html;
    Bangladesh traditions and customs, https://www.travelshelper.com/destinations/asia/bangladesh/bangladesh-traditions-customs/;
    Etiquette & Customs in Pakistan, https://pakistanicul.blogspot.com/2010/03/etiquette-customs-in-pakistan.html
    """
}

preference first_names {
  text: "address everyone by their first name"
  reason: "they come from a workplace where first names signal respect among equals"
}

scenario neighbour_names {
  type: greetings
  setting: "In {country}, {actor} has just moved into a building and meets {receiver}, who has lived there for forty years, on the stairs for the second time."
  actor: "new tenant"
  receiver: "neighbour"
  norm: titles_until_invited
  preference: first_names
  follow: "Address the neighbour by title and surname."
  allow: "Address the neighbour by first name."
}

norm hongi {
  expectation: "At the end of a welcome ceremony (pōwhiri) on a marae, visitors shake hands and press noses (hongi) with their hosts."
  holds_in: [NZ]
  source: """
    Te kawa o te marae: Basic marae etiquette, Te Ara, https://teara.govt.nz/en/te-kawa-o-te-marae/page-4;
    Māori manners and social behaviour, Te Ara, https://teara.govt.nz/en/maori-manners-and-social-behaviour-nga-mahi-tika/page-1
    """
}

preference avoid_face_contact {
  text: "shake hands without pressing noses"
  reason: "they are on chemotherapy and their doctor told them to avoid face-to-face contact"
}

scenario marae_welcome {
  type: greetings
  setting: "In {country}, the speeches of the pōwhiri are over and the hosts line up, and {actor} comes to {receiver} first."
  actor: "visitor"
  receiver: "elder of the marae"
  norm: hongi
  preference: avoid_face_contact
  follow: "Shake hands and hongi with each host."
  allow: "Shake hands only and explain quietly."
}

norm stand_for_elders {
  expectation: "People stand up when an elder or a new guest enters the room."
  holds_in: [PK, BD, TR, KZ]
  source: """
    Etiquette in Pakistan, http://rnbwroses.blogspot.com/2015/03/etiquette-in-pakistan.html;
    Bangladesh traditions and customs, https://www.travelshelper.com/destinations/asia/bangladesh/bangladesh-traditions-customs/;
    Invitations home (Turkey), https://menafocus.qa/charlotte-invitations-home/;
    Kazakhstan: Culture Smart!, Invitations home (Dina Zhansagimova)
    """
}

preference stay_seated {
  text: "stay seated and greet with a nod"
  reason: "a hip condition makes getting up from a low seat slow and painful"
}

scenario elder_enters {
  type: greetings
  setting: "In {country}, {actor} is sitting on a low sofa in the living room of a friend when {receiver} walks in."
  actor: "guest"
  receiver: "grandparent of the friend"
  norm: stand_for_elders
  preference: stay_seated
  follow: "Get up to greet the grandparent."
  allow: "Stay seated and greet the grandparent warmly with a nod."
}
