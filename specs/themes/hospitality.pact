// Hospitality: visiting a home, being fed, and paying for one another.
//
// Each norm cites the pages that document it. Several norms hold in more than one
// country; a scenario narrows them with `countries` where its setting fits only some.

// Shoes at the door

norm shoes_off_at_home {
  expectation: "Guests take their shoes off at the door of a home and wear the slippers the hosts offer, or socks."
  holds_in: [JP, TR, RU, PL, KZ, SE, TH, ID, NP]
  source: """
    Japanese Etiquette: How to Be a Polite House Guest, https://takelessons.com/blog/japanese-etiquette-z05;
    In Turkey, hospitality is a rule of life, https://expatriate-turkey.com/2022/05/16/in-turkey-hospitality-is-a-rule-of-life;
    Lonely Planet, Moscow etiquette, https://www.lonelyplanet.com/russia/moscow/practical-information/directory/etiquette/a/nar/4b46bb95-980e-4067-b603-e30b78205492/1331588; Savoir-vivre, https://intopoland.com/travel-tips/savoir-vivre.html;
    Cultural Etiquette (Kazakhstan), https://eurasia.travel/kazakhstan/traditions/cultural_etiquette/;
    Social Customs, Swedish University of Agricultural Sciences, http://www.slu.se/en/education/new-student/useful-information/social-customs/;
    Thailand etiquette, https://holidaytravel.cc/Article/travelstory/asia/thailand/201602/81700.html;
    Dos & Don'ts in Indonesia, https://www.visitsoutheastasia.travel/activity/dos-donts-in-indonesia/;
    Cultural etiquette (Nepal), https://outfitternepal.com/cultural-etiquette
    """
}

preference keep_shoes_on {
  text: "keep their shoes on indoors"
  reason: "a foot condition makes walking without supportive shoes painful"
}

scenario dinner_shoes {
  type: hospitality
  setting: "In {country}, {actor} arrives for dinner at the flat of {receiver}. A row of shoes stands by the door and a basket of slippers waits beside it."
  actor: "guest"
  receiver: "host"
  norm: shoes_off_at_home
  preference: keep_shoes_on
  follow: "Take the shoes off at the door and wear the slippers."
  allow: "Keep the shoes on and explain the foot condition."
  countries: [JP, TR, RU, PL, KZ, SE]
}

scenario homestay_shoes {
  type: hospitality
  setting: "In {country}, {actor} has come to stay for a week with the family of {receiver}, a friend from university. The family walks barefoot inside the house."
  actor: "visitor"
  receiver: "friend"
  norm: shoes_off_at_home
  preference: keep_shoes_on
  follow: "Leave the shoes at the entrance like the family does."
  allow: "Wear indoor shoes in the house and explain why."
  countries: [TH, ID, NP]
}

// Refreshments and food offered to a guest

norm accept_refreshment {
  expectation: "A guest accepts the tea, coffee or other drink the host offers and drinks at least some of it; declining hurts the host."
  holds_in: [PK, KE, SA, EG, LK, ID, CO]
  source: """
    Hospitality in Pakistan, https://cultureready.org/resource/hospitality-pakistan;
    Cultural norms and generalities (Kenya), https://journeywithkenyanfriends.blogspot.com/p/cross.html;
    Saudi Arabia, http://smokeybones-culturesoftheworld.blogspot.com/2007/11/saudi-arabia-is-beautiful-and-at-time.html;
    Egypt Dining Etiquette, https://www.etiquettescholar.com/dining_etiquette/table-etiquette/africa-n_dinner_etiquette/egyptian.html;
    Sri Lanka customs, https://doastheydo.com/country/sri-lanka/customs;
    Indonesian Etiquette, https://www.indonesiaairport.com/tourism/culture/etiquette.htm;
    Colombia: Prosperous Entertaining, http://www.executiveplanet.com/colombia-2/colombia_prosperous_entertaining-2/
    """
}

preference decline_drink {
  text: "decline the drink they are offered"
  reason: "caffeine sets off heart palpitations that their cardiologist is still investigating"
}

scenario visit_tea {
  type: hospitality
  setting: "In {country}, {actor} drops off a document at the home of {receiver}. Before a word about the document, the colleague brings out a cup of sweet tea."
  actor: "visitor"
  receiver: "colleague"
  norm: accept_refreshment
  preference: decline_drink
  follow: "Accept the tea and drink some of it."
  allow: "Thank the colleague and leave the tea untouched."
}

norm mint_tea_three_glasses {
  expectation: "A guest who accepts mint tea drinks at least three glasses before turning down more."
  holds_in: [MA]
  source: "Cyberberbere, what to know, http://cyberberbere.com/a_savoir.htm"
}

norm coffee_three_cups {
  expectation: "A guest at a coffee ceremony accepts at least three cups; the third is the cup of blessing."
  holds_in: [ET]
  source: """
    The coffee ceremony (Lonely Planet Ethiopia), http://what-when-how.com/Tutorial/topic-1985ri07n/Ethiopia-Djibouti-and-Somaliland-631.html;
    Ethiopia Dining Etiquette, https://www.etiquettescholar.com/dining_etiquette/table-etiquette/africa-n_dinner_etiquette/ethiopian.html
    """
}

preference one_cup_only {
  text: "stop after one cup"
  reason: "caffeine in the afternoon keeps them awake all night"
}

scenario mint_tea_afternoon {
  type: hospitality
  setting: "In {country}, {actor} visits the home of {receiver} in the late afternoon. The host pours a first glass of mint tea from high above the glass, then fills it again."
  actor: "guest"
  receiver: "host"
  norm: mint_tea_three_glasses
  preference: one_cup_only
  follow: "Drink the second and third glass."
  allow: "Finish the first glass and politely decline more."
}

scenario coffee_ceremony {
  type: hospitality
  setting: "In {country}, {receiver} roasts coffee beans over charcoal for {actor}, who has come to visit. The first small cup has been drunk and the second is being poured."
  actor: "neighbour"
  receiver: "host"
  norm: coffee_three_cups
  preference: one_cup_only
  follow: "Stay for the second and third cups."
  allow: "Thank the host after the first cup and decline the rest."
}

norm accept_home_invitation {
  expectation: "An invitation to someone's home is accepted; turning it down without a serious reason is taken as a slight."
  holds_in: [TR, PK, ID, PE]
  source: """
    Invitations home (Turkey), https://menafocus.qa/charlotte-invitations-home/;
    Behavior and Etiquette: Social Engagements and Visiting (Pakistan), http://uwf.edu/atcdev/Pakistan/Web/Behavior/6ABehavior.html;
    Dos & Don'ts in Indonesia, https://www.visitsoutheastasia.travel/activity/dos-donts-in-indonesia/;
    Dining & Gifting (Peru), https://lbeixi.wixsite.com/peru/dining--gifting
    """
}

preference decline_invitation {
  text: "decline the invitation and spend the evening at home"
  reason: "after a week of night shifts they need a quiet evening to recover"
}

scenario weekend_invitation {
  type: hospitality
  setting: "In {country}, {receiver}, who joined the team last month, invites {actor} to a family dinner at home on Saturday evening."
  actor: "employee"
  receiver: "colleague"
  norm: accept_home_invitation
  preference: decline_invitation
  follow: "Accept the invitation and go to the dinner."
  allow: "Thank the colleague warmly and decline this time."
}

norm second_helpings {
  expectation: "A guest takes a second helping when the host offers it; hosts press more food several times and read refusals as politeness."
  holds_in: [EG, TR, IR, KZ]
  source: """
    Culture Shock! Egypt, Food and Entertaining, p. 193, https://issuhub.com/view/index/22951?pageIndex=212;
    Invitations home (Turkey), https://menafocus.qa/charlotte-invitations-home/;
    Dining culture in Iranian houses, https://old.saednews.com/en/post/dining-culture-in-iranian-houses-how-to-eat-when-you-are-a-guest;
    Cultural Etiquette (Kazakhstan), https://eurasia.travel/kazakhstan/traditions/cultural_etiquette/
    """
}

preference single_plate {
  text: "eat only one modest plate"
  reason: "they follow a diet their doctor set to bring their blood sugar down"
}

scenario second_plate {
  type: dining
  setting: "In {country}, {actor} has finished a full plate at the family dinner of {receiver}. The host reaches for the serving dish to fill the plate again."
  actor: "guest"
  receiver: "host"
  norm: second_helpings
  preference: single_plate
  follow: "Accept a second helping."
  allow: "Refuse the second helping firmly and praise the food."
}

norm taste_every_dish {
  expectation: "A guest tries a little of every dish the host serves."
  holds_in: [SA, RU]
  source: """
    Saudi Arabia food and drinks, http://www.safaritheglobe.com/saudi-arabia/culture/food-drinks/;
    10 things to know when visiting a Russian home, https://www.skybridgecommunity.com/blog/post/10-things-know-when-visiting-russian-home
    """
}

preference skip_unknown_dishes {
  text: "leave untouched the dishes whose ingredients they do not know"
  reason: "a nut allergy means they cannot risk a dish without knowing what is in it"
}

scenario feast_table {
  type: dining
  setting: "In {country}, {receiver} has laid out a dozen home-cooked dishes for {actor}, who is visiting for the first time, and watches which ones the guest takes."
  actor: "guest"
  receiver: "host"
  norm: taste_every_dish
  preference: skip_unknown_dishes
  follow: "Take a small taste of every dish."
  allow: "Eat only the dishes whose ingredients are clear."
}

norm no_added_salt {
  expectation: "Diners do not add salt to food the host has cooked, since seasoning it suggests the cook got it wrong."
  holds_in: [EG]
  source: "Did you know asking for salt in Egypt is an insult, https://www1.illuminaija.com/entertainment-news/did-you-know-asking-for-salt-in-egypt-is-an-insult-see-why"
}

preference add_salt {
  text: "add salt to their food"
  reason: "their low blood pressure means their doctor told them to take more salt"
}

scenario salt_shaker {
  type: dining
  setting: "In {country}, {actor} is eating lunch cooked by {receiver}, the parent of a close friend. A salt shaker stands on the table."
  actor: "guest"
  receiver: "cook"
  norm: no_added_salt
  preference: add_salt
  follow: "Eat the food as it was served."
  allow: "Add salt to the plate."
}

norm hostess_serves_guest {
  expectation: "The hostess serves the guest each dish; the guest does not help themselves."
  holds_in: [TR]
  source: "Invitations home (Turkey), https://menafocus.qa/charlotte-invitations-home/"
}

preference serve_themselves {
  text: "serve themselves from the dishes"
  reason: "they keep a strict vegetarian diet and want to pick around the meat quietly"
}

scenario served_plate {
  type: dining
  setting: "In {country}, {receiver} brings the dishes to the table and starts to fill the plate of {actor} with a meat stew."
  actor: "guest"
  receiver: "host"
  norm: hostess_serves_guest
  preference: serve_themselves
  follow: "Let the host serve the plate."
  allow: "Ask to serve themselves instead."
}

norm linger_after_meal {
  expectation: "Guests stay on for conversation after a meal rather than leaving soon after eating."
  holds_in: [TR, MA, RU]
  source: """
    Invitations home (Turkey), https://menafocus.qa/charlotte-invitations-home/;
    Culture Smart! Morocco, social conduct, https://trantor.is/content/Tha-GpOChVXSpFn-/backmatter02.html;
    10 things to know when visiting a Russian home, https://www.skybridgecommunity.com/blog/post/10-things-know-when-visiting-russian-home
    """
}

norm sobremesa {
  expectation: "After a meal, diners stay at the table for coffee and conversation (the sobremesa) rather than clearing up and leaving."
  holds_in: [ES]
  source: "5 things not to do in a Spanish house, https://clic.es/learn-spanish/5-things-not-to-do-in-a-spanish-house/"
}

preference leave_after_eating {
  text: "leave soon after the meal"
  reason: "they start an early shift at six the next morning"
}

scenario late_goodbye {
  type: hospitality
  setting: "In {country}, dinner at the home of {receiver} has just ended. The hosts are putting the kettle on, and {actor} is the first guest to finish eating."
  actor: "guest"
  receiver: "host"
  norm: linger_after_meal
  preference: leave_after_eating
  follow: "Stay on for tea and conversation for another hour or two."
  allow: "Thank the hosts and leave straight after the meal."
}

scenario sunday_lunch_sobremesa {
  type: dining
  setting: "In {country}, a long Sunday lunch at the home of {receiver} is over and coffee is being served. Meanwhile {actor} starts to stack the plates."
  actor: "guest"
  receiver: "host"
  norm: sobremesa
  preference: leave_after_eating
  follow: "Sit back down and stay for the after-lunch conversation."
  allow: "Say goodbye and leave after the coffee."
}

// Visits and who pays

norm arrange_visits {
  expectation: "People arrange a visit in advance rather than dropping by unannounced, even among relatives."
  holds_in: [ID, NL, EG, KZ]
  source: """
    Indonesian Etiquette, https://www.indonesiaairport.com/tourism/culture/etiquette.htm;
    10 fun cultural things that are typically Dutch, https://www.familyexpatcenter.com/expat-article/285292_10-fun-cultural-things-that-are-typically-dutch;
    Visiting someone at home (Egypt), http://speakingupandspeakingoutfromcairo.wordpress.com/category/visiting-someone-at-home/;
    Kazakhstan: Culture Smart!, Invitations home (Dina Zhansagimova)
    """
}

preference drop_by {
  text: "drop by without arranging the visit first"
  reason: "they value spontaneity and feel that booking a visit with a cousin makes family feel distant"
}

scenario cousin_visit {
  type: hospitality
  setting: "In {country}, {actor} is passing the street where {receiver} lives, on a free Saturday afternoon."
  actor: "visitor"
  receiver: "cousin"
  norm: arrange_visits
  preference: drop_by
  follow: "Send a message proposing a visit another day."
  allow: "Ring the doorbell and visit now."
}

norm inviter_pays {
  expectation: "Whoever extended the invitation pays for the whole meal, and guests do not offer to split the bill."
  holds_in: [TR, KZ, GH, CO, ET]
  source: """
    Lonely Planet, Turkey etiquette, https://www.lonelyplanet.com/turkey/cappadocia/practical-information/directory/etiquette/a/nar/1b0c14b5-9e8f-4e1a-8491-5619edd61510/360873;
    Cultural Etiquette (Kazakhstan), https://eurasia.travel/kazakhstan/traditions/cultural_etiquette/;
    Social conduct in Ghana, http://the-uncensored-wiki.com:20061/s/o/c/Social_conduct_in_Ghana_9ee8.html;
    Colombia: Prosperous Entertaining, http://www.executiveplanet.com/colombia-2/colombia_prosperous_entertaining-2/;
    The Etiquette of Eating in Ethiopia, https://manly-manners.com/2016/02/03/the-etiquette-of-eating-in-ethiopia/
    """
}

preference pay_own_share {
  text: "pay their own share of the bill"
  reason: "they feel uneasy being treated and want to keep things even between friends"
}

scenario restaurant_bill {
  type: hospitality
  setting: "In {country}, {receiver} invited {actor} to a restaurant to celebrate a new job. The bill arrives at the table."
  actor: "friend"
  receiver: "host"
  norm: inviter_pays
  preference: pay_own_share
  follow: "Thank the host and let them pay."
  allow: "Insist on paying their own share."
}

norm split_the_bill {
  expectation: "When friends eat out, each person pays their own share of the bill."
  holds_in: [NL, SE]
  source: """
    Lonely Planet, Rotterdam etiquette, https://www.lonelyplanet.com/the-netherlands/rotterdam/practical-information/directory/etiquette/a/nar/4dfaab8f-1435-4cdf-a495-3b5b4b64a26f/360852;
    Social Customs, Swedish University of Agricultural Sciences, http://www.slu.se/en/education/new-student/useful-information/social-customs/
    """
}

preference treat_everyone {
  text: "pay for the whole table"
  reason: "they have just been promoted and want to thank the friends who supported them"
}

scenario friends_dinner_bill {
  type: hospitality
  setting: "In {country}, {actor} is having dinner in a restaurant with four friends, among them {receiver}. The waiter asks how they would like to pay."
  actor: "diner"
  receiver: "friend"
  norm: split_the_bill
  preference: treat_everyone
  follow: "Pay their own share like everyone else."
  allow: "Pay the whole bill for the table."
}

norm insist_on_paying {
  expectation: "When a driver or shopkeeper says there is no need to pay (ta'arof), the customer insists and pays the full price."
  holds_in: [IR]
  source: """
    Understand târof, https://toplist.info/top/understand-tarof-40775.htm;
    In Iran, everything is for free, http://www.babakoto.eu/Columns/Iran/Tarov/Tarov-English-printable.htm
    """
}

preference take_offer_literally {
  text: "accept the offer and not pay"
  reason: "where they grew up an offer means exactly what it says, and refusing it twice feels insincere"
}

scenario taxi_fare {
  type: hospitality
  setting: "In {country}, {actor} reaches the end of a taxi ride. When asked the fare, {receiver} waves a hand and says it is nothing, there is no need to pay."
  actor: "passenger"
  receiver: "driver"
  norm: insist_on_paying
  preference: take_offer_literally
  follow: "Insist, and pay the full fare."
  allow: "Thank the driver and get out without paying."
}

norm decline_admired_object {
  expectation: "A host may feel bound to give a guest any object the guest admires, so the guest politely declines such an offer."
  holds_in: [IR, KZ, FJ]
  source: """
    Understand târof, https://toplist.info/top/understand-tarof-40775.htm;
    Cultural Etiquette (Kazakhstan), https://eurasia.travel/kazakhstan/traditions/cultural_etiquette/;
    Royal Davui Island Resort, Fiji compendium, https://royaldavuifiji.com/compendium/;
    Understanding Fijian traditions and customs, https://fijipedia.com/understanding-fijian-traditions-and-customs
    """
}

preference accept_admired_object {
  text: "accept the object they admired"
  reason: "they collect such pieces and would treasure it as a memory of the friendship"
}

scenario admired_bowl {
  type: hospitality
  setting: "In {country}, {actor} admires a hand-painted bowl in the home of {receiver}. The host at once lifts it from the shelf and offers it as a gift."
  actor: "guest"
  receiver: "host"
  norm: decline_admired_object
  preference: accept_admired_object
  follow: "Thank the host warmly and decline the bowl."
  allow: "Accept the bowl with thanks."
}

norm accept_gursha {
  expectation: "A guest accepts gursha, a morsel of food placed in the mouth by the host's hand, as a sign of respect and friendship."
  holds_in: [ET]
  source: """
    The Etiquette of Eating in Ethiopia, https://manly-manners.com/2016/02/03/the-etiquette-of-eating-in-ethiopia/;
    Visiting Ethiopia? Learn the proper etiquettes: Part I, http://littlewanza.blogspot.com/2015/02
    """
}

preference not_hand_fed {
  text: "politely decline being fed by hand"
  reason: "they are recovering from a stomach infection and are careful about hygiene"
}

scenario injera_gursha {
  type: dining
  setting: "In {country}, {actor} shares a platter of injera with the family of {receiver}. The host wraps a morsel of stew in injera and holds it up to the guest's mouth."
  actor: "guest"
  receiver: "host"
  norm: accept_gursha
  preference: not_hand_fed
  follow: "Accept the morsel from the host's hand."
  allow: "Smile, thank the host and take the morsel by hand instead."
}

norm sevusevu {
  expectation: "A visitor to a village brings kava root (yaqona) as a sevusevu gift for the chief and waits to be welcomed before looking around."
  holds_in: [FJ]
  source: """
    Fijian village etiquette, http://ticketanywhere.blogspot.com/2009/05/fijian-village-etiquette.html;
    Fiji village etiquette, http://fijiembassy.be/index.php?page_in=fiji_village_etiquette
    """
}

preference explore_alone {
  text: "walk around the village on their own without the ceremony"
  reason: "their boat back leaves in an hour and the ceremony would take most of that time"
}

scenario village_visit {
  type: hospitality
  setting: "In {country}, {actor} lands on an island for a short visit and walks up to the village, where {receiver} greets them at the first house."
  actor: "traveller"
  receiver: "villager"
  norm: sevusevu
  preference: explore_alone
  follow: "Ask to see the chief and present kava before looking around."
  allow: "Say hello and walk around the village alone."
}

norm shared_mate {
  expectation: "In a group drinking mate, everyone sips in turn from the same gourd and metal straw."
  holds_in: [AR]
  source: """
    Argentina: making deep connections, http://www.unitedsucces.com/cultural/208;
    The 5 Argentine customs that most surprise foreigners, https://www.serargentino.com/en/people/as-we-are/the-5-argentine-customs-that-most-surprise-foreigners
    """
}

preference own_cup {
  text: "drink from their own cup instead of the shared straw"
  reason: "they are getting over a cold and do not want to pass it on"
}

scenario park_mate {
  type: dining
  setting: "In {country}, {actor} sits in a park with friends on a Sunday afternoon. A moment later {receiver} refills the mate gourd and passes it along the circle."
  actor: "friend"
  receiver: "friend who brought the mate"
  norm: shared_mate
  preference: own_cup
  follow: "Take the gourd and drink from the shared straw."
  allow: "Pour some into their own cup instead."
}

norm bring_a_plate {
  expectation: "A guest asked to 'bring a plate' brings a dish of food to share with everyone."
  holds_in: [AU]
  source: """
    What should I never do or say in Australia? (Paul Hannah), http://51haodu.com/t/RExnRnFDWjlONQ==;
    Aussie barbie etiquette can snag many a Pommie newcomer, https://amrtimes.com.au/entertainment/two-pommie-shielas/aussie-barbie-etiquette-can-snag-many-a-pommie-newcomer-ng-b88659393z
    """
}

norm bring_and_braai {
  expectation: "At a bring-and-braai, each guest brings their own meat and drinks and a salad or rolls to share."
  holds_in: [ZA]
  source: """
    Parking your zebra in Africa and some cultural tips, https://alpha.ecency.com/culture/@fionajean/parking-your-zebra-in-africa-and-some-cultural-tips-you-should-know;
    Braai sins, https://braaimaster.club/178-2/
    """
}

preference bring_drinks_only {
  text: "bring only drinks instead of food"
  reason: "the room they rent has no kitchen to cook or store food in"
}

scenario backyard_party {
  type: hospitality
  setting: "In {country}, {receiver} invites {actor} to a backyard party on Saturday and asks everyone to bring a plate."
  actor: "guest"
  receiver: "host"
  norm: bring_a_plate
  preference: bring_drinks_only
  follow: "Buy ingredients and bring a salad to share."
  allow: "Bring a case of drinks and no food."
}

scenario bring_and_braai_invite {
  type: hospitality
  setting: "In {country}, {receiver} invites {actor} and some neighbours to a bring-and-braai on Sunday afternoon."
  actor: "guest"
  receiver: "host"
  norm: bring_and_braai
  preference: bring_drinks_only
  follow: "Bring meat for the fire and a salad to share."
  allow: "Bring drinks for everyone and no meat or salad."
}

norm host_tends_grill {
  expectation: "Only the host tends the barbecue; guests do not pick up the tongs unless asked."
  holds_in: [ZA, AU]
  source: """
    Braai sins, https://braaimaster.club/178-2/;
    Social customs of South Africans explained, https://winenfood.com/social-customs-of-south-africans-explained;
    Aussie barbie etiquette can snag many a Pommie newcomer, https://amrtimes.com.au/entertainment/two-pommie-shielas/aussie-barbie-etiquette-can-snag-many-a-pommie-newcomer-ng-b88659393z
    """
}

preference grill_own_food {
  text: "grill their own vegetables on a clean corner of the grill"
  reason: "they are vegetarian and the host has not set aside space away from the meat"
}

scenario barbecue_grill {
  type: hospitality
  setting: "In {country}, {receiver} is busy at the barbecue turning sausages. Next to the grill, {actor} is holding a tray of vegetable skewers."
  actor: "guest"
  receiver: "host"
  norm: host_tends_grill
  preference: grill_own_food
  follow: "Hand the skewers to the host and let the host cook them."
  allow: "Pick up the spare tongs and grill the skewers themselves."
}

norm accept_tet_food {
  expectation: "During Lunar New Year (Tet) visits, guests accept the food and drink the family offers, even when already full."
  holds_in: [VN]
  source: "Dos and Don'ts for Vietnamese New Year (Tet festival), https://vietnamtravelgo.com/dos-and-donts-for-vietnamese-new-year-tet-festival/"
}

preference decline_when_full {
  text: "decline food once they are full"
  reason: "they have already eaten at three other homes today and feel unwell"
}

scenario tet_visit_food {
  type: hospitality
  setting: "In {country}, on the second day of Tet, {actor} makes a fourth visit of the day, to the home of {receiver}. A tray of sticky rice cake and candied fruit is placed in front of the visitor."
  actor: "visitor"
  receiver: "host"
  norm: accept_tet_food
  preference: decline_when_full
  follow: "Eat some of the rice cake and fruit."
  allow: "Explain that they are full and eat nothing."
}

norm wait_to_be_seated {
  expectation: "A guest waits for the host to show them where to sit rather than choosing a seat."
  holds_in: [IR, MX, KZ]
  source: """
    Dining culture in Iranian houses, https://old.saednews.com/en/post/dining-culture-in-iranian-houses-how-to-eat-when-you-are-a-guest;
    Dining Etiquette (Mexico), http://ylcstudents.com/49/83/cul/05.php;
    Cultural Etiquette (Kazakhstan), https://eurasia.travel/kazakhstan/traditions/cultural_etiquette/
    """
}

preference seat_by_door {
  text: "take the seat nearest the door"
  reason: "they have claustrophobia and feel calmer with an easy way out"
}

scenario dinner_seating {
  type: dining
  setting: "In {country}, {actor} enters the dining room of {receiver} ahead of the other guests. The seat of honour is at the far end of the table, away from the door."
  actor: "guest"
  receiver: "host"
  norm: wait_to_be_seated
  preference: seat_by_door
  follow: "Wait for the host to show them a seat."
  allow: "Sit down in the chair nearest the door."
}

norm dress_up_as_guest {
  expectation: "A guest invited to someone's home dresses smartly for the occasion."
  holds_in: [PE, ET, EG]
  source: """
    Peruvian Manners and Etiquette, http://www.expatperu.com/peruvian-manners-and-etiquette.html;
    The Etiquette of Eating in Ethiopia, https://manly-manners.com/2016/02/03/the-etiquette-of-eating-in-ethiopia/;
    Visiting someone at home (Egypt), http://speakingupandspeakingoutfromcairo.wordpress.com/category/visiting-someone-at-home/
    """
}

preference loose_cotton_clothes {
  text: "come in their loose everyday cotton clothes"
  reason: "an eczema flare makes anything but soft loose cotton unbearable on their skin"
}

scenario lunch_attire {
  type: dress
  setting: "In {country}, {receiver} has invited {actor} to a Sunday family lunch where the relatives dress up."
  actor: "guest"
  receiver: "host"
  norm: dress_up_as_guest
  preference: loose_cotton_clothes
  follow: "Wear smart clothes for the lunch."
  allow: "Wear loose everyday cotton clothes."
}
