// Dining and drinking: pouring, toasts, hands, the order of eating and the bill.

norm pour_for_others {
  expectation: "At a shared meal with alcohol, people pour for their companions and wait for someone else to fill their own glass."
  holds_in: [JP, KR]
  source: """
    Pour drinks for others, not yourself, https://www.japanetic.com/rules/pour-drinks-for-others;
    Drinking Etiquette In Korea (Deirdre Madden), http://www.ulsanonline.com/HowTo/How%20to%20-%20drinking%20etiquette.php
    """
}

preference pour_own_drink {
  text: "pour their own drink when they want one"
  reason: "they take a medication that interacts with alcohol and keep close count of every glass"
}

scenario team_dinner_pouring {
  type: dining
  setting: "In {country}, {actor} is at a team dinner with beer on the table. The glass of {receiver}, who sits opposite, is full, and the glass of {actor} is empty."
  actor: "new employee"
  receiver: "colleague"
  norm: pour_for_others
  preference: pour_own_drink
  follow: "Wait for a colleague to notice and refill the glass."
  allow: "Pour a measured half glass for themselves."
}

norm turn_away_to_drink {
  expectation: "A younger person turns their head away from an elder when taking a sip of alcohol."
  holds_in: [KR]
  source: """
    Drinking Etiquette In Korea (Deirdre Madden), http://www.ulsanonline.com/HowTo/How%20to%20-%20drinking%20etiquette.php;
    Kulturaustausch, Korea drinking rules, https://www.kulturaustausch.de/en/archive?tx_amkulturaustausch_pi1%5Bauid%5D=3168&tx_amkulturaustausch_pi1%5Bview%5D=ARTICLE&cHash=8cab0aebfda68f34f300cbce644a1c32
    """
}

preference face_the_table {
  text: "drink facing the table as they normally would"
  reason: "they believe everyone at a table should be treated as equals and find the gesture servile"
}

scenario family_toast {
  type: dining
  setting: "In {country}, {actor} joins a family dinner at which {receiver}, of the parents' generation, proposes a toast with soju."
  actor: "family member"
  receiver: "family elder"
  norm: turn_away_to_drink
  preference: face_the_table
  follow: "Turn the head away from the family elder while drinking."
  allow: "Drink facing the table."
}

norm accept_senior_drink {
  expectation: "At a company dinner, a junior does not refuse a drink that a senior colleague offers."
  holds_in: [KR]
  source: "hoe-shik, http://somewhereindhamma.blogspot.com/2011/03/hoe-shik.html"
}

norm join_vodka_toasts {
  expectation: "At a festive meal, guests join in the vodka toasts; refusing to take part is seen as rude."
  holds_in: [RU]
  source: """
    Lonely Planet, Moscow etiquette, https://www.lonelyplanet.com/russia/moscow/practical-information/directory/etiquette/a/nar/4b46bb95-980e-4067-b603-e30b78205492/1331588;
    10 things to know when visiting a Russian home, https://www.skybridgecommunity.com/blog/post/10-things-know-when-visiting-russian-home
    """
}

norm bruderszaft_toast {
  expectation: "A Bruderszaft toast, after which two people move to first names, is not declined."
  holds_in: [PL]
  source: "Poland: communication, https://morevm.org/csk-country/poland-communication"
}

preference no_alcohol { text: "drink no alcohol", reason: "their religion forbids alcohol" }

scenario company_dinner_soju {
  type: workplace
  setting: "In {country}, at a company dinner, {receiver} fills a small glass with soju and holds it out to {actor}."
  actor: "junior employee"
  receiver: "department head"
  norm: accept_senior_drink
  preference: no_alcohol
  follow: "Accept the glass with both hands and drink."
  allow: "Decline the glass and ask for water."
}

scenario birthday_toasts {
  type: dining
  setting: "In {country}, at the birthday dinner of {receiver}, the guests raise their vodka glasses for the third toast. Only {actor} holds a glass of juice."
  actor: "guest"
  receiver: "host"
  norm: join_vodka_toasts
  preference: no_alcohol
  follow: "Accept a vodka and join the toast."
  allow: "Raise the juice and drink no vodka."
}

scenario first_names_toast {
  type: dining
  setting: "In {country}, at a name-day party, {receiver} fills two glasses of vodka and proposes drinking Bruderszaft with {actor}."
  actor: "neighbour"
  receiver: "neighbour from the flat below"
  norm: bruderszaft_toast
  preference: no_alcohol
  follow: "Link arms and drink the toast."
  allow: "Decline the vodka and offer to toast with tea."
}

norm right_hand_for_food {
  expectation: "Food is eaten, passed and served with the right hand; the left hand is not used for food."
  holds_in: [IN, NP, MA, GH, ID]
  source: """
    Meals, Clothing Code & Gifts (India), http://mybustip.com/asia/india/meals-clothing-code-gifts/;
    Eating etiquette (Nepal), https://toplist.info/top/eating-etiquette-74993.htm;
    Cyberberbere, what to know (Morocco), http://cyberberbere.com/a_savoir.htm;
    The etiquette of greeting and conduct in Ghana, https://ghanaremembers.com/stories/culture/the-etiquette-of-greeting-and-conduct-in-ghana.html;
    Dos & Don'ts in Indonesia, https://www.visitsoutheastasia.travel/activity/dos-donts-in-indonesia/
    """
}

preference eat_left_handed {
  text: "eat with their left hand"
  reason: "they are strongly left-handed and spill food when they use their right"
}

scenario shared_platter {
  type: dining
  setting: "In {country}, {actor} sits down to a meal eaten by hand from a shared dish with the family of {receiver}. No cutlery is on the table."
  actor: "guest"
  receiver: "host"
  norm: right_hand_for_food
  preference: eat_left_handed
  follow: "Eat with the right hand, however clumsily."
  allow: "Eat with the left hand."
}

norm wait_for_host_to_eat {
  expectation: "Diners wait until everyone is served and the host starts eating, or invites them to begin, before eating."
  holds_in: [GB, PL, MX, IT, SE, FR]
  source: """
    British etiquette, https://naturecaptions.com/statuses/2002074199.html;
    Savoir-vivre (Poland), https://intopoland.com/travel-tips/savoir-vivre.html;
    Dining Etiquette (Mexico), http://ylcstudents.com/49/83/cul/05.php;
    What should I know about Italian customs and etiquette, https://qsans.com/question/what-should-i-know-about-italian-customs-and-etiquette;
    Swedish Etiquette, https://toplist.info/top/swedish-etiquette-75501.htm;
    French dining etiquette, https://trends.glance.com/story/articles/Daily_Digest/IN/en/feedpost-specials/f-91677779fp1-aa684326-478c-5735-a23e-4467333965e6
    """
}

norm eldest_eats_first {
  expectation: "Younger people wait until the eldest has been served and has started eating before they begin."
  holds_in: [KE, NG, ET]
  source: """
    Rituals and traditions of Kenya, https://prezi.com/qudpwgk3mc74/rituals-and-traditions-of-kenya;
    Yorubas are the most respectful tribe, https://repostngr.blogspot.com/2018/09/yorubas-are-most-respectful-tribe-in.html;
    The Etiquette of Eating in Ethiopia, https://manly-manners.com/2016/02/03/the-etiquette-of-eating-in-ethiopia/
    """
}

preference eat_right_away {
  text: "start eating as soon as their plate is in front of them"
  reason: "they have diabetes and feel faint when a meal is delayed after their insulin"
}

scenario dinner_party_start {
  type: dining
  setting: "In {country}, {actor} has been served first at a dinner party, while {receiver} is still in the kitchen finishing the sauce."
  actor: "guest"
  receiver: "host"
  norm: wait_for_host_to_eat
  preference: eat_right_away
  follow: "Wait until the host sits down and starts eating."
  allow: "Start eating while the food is in front of them."
}

scenario family_meal_elder {
  type: family
  setting: "In {country}, the food has been set out at a family gathering. Although {actor} is hungry, {receiver}, the oldest relative present, has not yet been served."
  actor: "grandchild"
  receiver: "grandparent"
  norm: eldest_eats_first
  preference: eat_right_away
  follow: "Wait until the grandparent has been served and has begun."
  allow: "Start eating straight away."
}

norm no_shared_bites {
  expectation: "Food or drink that has touched someone's lips is not offered to others, and people pour from a shared bottle without touching it to their mouth."
  holds_in: [NP, IN]
  source: """
    Eating etiquette (Nepal), https://toplist.info/top/eating-etiquette-74993.htm;
    Cultural etiquette (Nepal), https://outfitternepal.com/cultural-etiquette;
    Meals, Clothing Code & Gifts (India), http://mybustip.com/asia/india/meals-clothing-code-gifts/
    """
}

preference share_own_plate {
  text: "offer a friend a bite from their own plate"
  reason: "in their family sharing from your own plate is the surest sign of closeness"
}

scenario canteen_lunch {
  type: dining
  setting: "In {country}, {actor} eats lunch with {receiver}, whom they met last week. The friend has never tried the dish on the plate of {actor}."
  actor: "student"
  receiver: "friend"
  norm: no_shared_bites
  preference: share_own_plate
  follow: "Get the friend a fresh portion from the counter."
  allow: "Hold out a bite from their own plate."
}

norm clean_plate {
  expectation: "A guest finishes all the food on their plate, since leaving food is seen as waste."
  holds_in: [IN, SE]
  source: """
    Know your Indian visitor, http://welcome.southafrica.net/content/country-overview/india-overview;
    Swedish Etiquette, https://toplist.info/top/swedish-etiquette-75501.htm
    """
}

preference stop_when_full {
  text: "leave the rest of the food once they feel full"
  reason: "after gastric surgery they can eat only small amounts at a time"
}

scenario full_plate {
  type: dining
  setting: "In {country}, {receiver} has filled the plate of {actor} generously. Halfway through, {actor} feels full."
  actor: "guest"
  receiver: "host"
  norm: clean_plate
  preference: stop_when_full
  follow: "Finish everything on the plate."
  allow: "Leave the rest and thank the host."
}

norm leave_some_food {
  expectation: "A guest leaves a little food on the plate to show they are full, since an empty plate is promptly refilled."
  holds_in: [IR, KZ]
  source: """
    Dining culture in Iranian houses, https://old.saednews.com/en/post/dining-culture-in-iranian-houses-how-to-eat-when-you-are-a-guest;
    Cultural Etiquette (Kazakhstan), https://eurasia.travel/kazakhstan/traditions/cultural_etiquette/
    """
}

preference finish_every_bite {
  text: "finish every bite on their plate"
  reason: "they were raised to believe that wasting food is wrong"
}

scenario last_bites {
  type: dining
  setting: "In {country}, {actor} is full, with a few bites of rice still on the plate, while {receiver} watches with the serving pot in hand."
  actor: "guest"
  receiver: "host"
  norm: leave_some_food
  preference: finish_every_bite
  follow: "Leave the last bites on the plate."
  allow: "Finish every bite."
}

norm no_menu_changes {
  expectation: "Diners order dishes as the kitchen makes them rather than asking for changes."
  holds_in: [IT]
  source: "What are the unspoken rules in Italy?, https://fantasticfaq.com/faq/what-are-the-unspoken-rules-in-italy%3F"
}

preference change_the_dish {
  text: "ask the kitchen to change the dish"
  reason: "they are lactose intolerant and the dish comes covered in cheese"
}

scenario trattoria_order {
  type: dining
  setting: "In {country}, {actor} orders at a family-run trattoria where {receiver} takes the orders. The pasta they want is topped with a heap of cheese."
  actor: "diner"
  receiver: "waiter"
  norm: no_menu_changes
  preference: change_the_dish
  follow: "Order a different dish as it comes."
  allow: "Ask for the pasta without the cheese."
}

norm late_dinner {
  expectation: "Dinner is eaten late, often at nine or ten in the evening."
  holds_in: [ES]
  source: """
    Spain: we do it like this, http://welcomm-project.com/welcomm1/spain/we-do-it-like-this/;
    Social life and etiquette (Spain), https://toplist.info/top/social-life-and-etiquette-74712.htm
    """
}

preference early_dinner {
  text: "eat dinner early in the evening"
  reason: "eating late gives them acid reflux through the night"
}

scenario exchange_family_dinner {
  type: dining
  setting: "In {country}, {actor} has just moved in with the host family of {receiver} for a semester. The family eats dinner at ten."
  actor: "exchange student"
  receiver: "host parent"
  norm: late_dinner
  preference: early_dinner
  follow: "Wait and eat dinner with the family at ten."
  allow: "Ask to eat something early on their own."
}

norm tip_servers {
  expectation: "Diners leave the server a tip of about 15 to 20 percent of the bill."
  holds_in: [US, CA]
  source: """
    American Customs, https://www.alleghenyinternational.org/american-customs.html;
    Dining and Tipping: Essential American Etiquette, https://esl.institute/americanculture/2025/10/13/dining-and-tipping-essential-american-etiquette;
    Canada: Tipping and Etiquette, https://www.tripadvisor.com.ph/Travel-g153339-s606/Canada:Tipping.And.Etiquette.html
    """
}

preference no_tip {
  text: "pay the bill without a tip"
  reason: "they believe employers, not customers, should pay staff a fair wage"
}

scenario diner_tip {
  type: dining
  setting: "In {country}, {actor} has finished lunch at a diner, and {receiver} brings the card reader, which asks for a tip."
  actor: "customer"
  receiver: "server"
  norm: tip_servers
  preference: no_tip
  follow: "Add a tip of about 18 percent."
  allow: "Pay the bill and choose no tip."
}

norm oldest_pays {
  expectation: "At the end of an evening out, the oldest person pays."
  holds_in: [KR]
  source: "Kulturaustausch, Korea drinking rules, https://www.kulturaustausch.de/en/archive?tx_amkulturaustausch_pi1%5Bauid%5D=3168&tx_amkulturaustausch_pi1%5Bview%5D=ARTICLE&cHash=8cab0aebfda68f34f300cbce644a1c32"
}

preference share_the_cost {
  text: "ask everyone to pay their own share"
  reason: "they are saving for their wedding and cannot cover the whole group"
}

scenario evening_out_bill {
  type: dining
  setting: "In {country}, {actor} is at a restaurant with {receiver} and three other friends, all of them younger than {actor}. The bill arrives."
  actor: "friend"
  receiver: "friend"
  norm: oldest_pays
  preference: share_the_cost
  follow: "Pay the whole bill."
  allow: "Suggest that everyone pays their own share."
}
