// Gifts: what to bring, how to give it and how to receive it.

norm host_gift {
  expectation: "A dinner guest does not arrive empty-handed but brings flowers, wine, sweets or a small gift for the hosts."
  holds_in: [IT, RU, PL, GB, CA, TR, BR, PE]
  source: """
    Frommer's, Campania etiquette, https://www.frommers.com/destinations/campania/in-depth/etiquette;
    Lonely Planet, Moscow etiquette, https://www.lonelyplanet.com/russia/moscow/practical-information/directory/etiquette/a/nar/4b46bb95-980e-4067-b603-e30b78205492/1331588;
    Savoir-vivre (Poland), https://intopoland.com/travel-tips/savoir-vivre.html;
    British etiquette, https://naturecaptions.com/statuses/2002074199.html;
    Tips for Travelers (Pamela den Ouden), http://peacezine.blogspot.com/2011/11/tips-for-travelers.html;
    Turkish customs to know before visiting, https://wondergulets.com/blog/turkish-customs-traditions-to-know-before-visiting;
    The Social Customs Of Brazil, https://www.yloan.com/viewthread.php?action=printable&tid=2708153;
    Peruvian Manners and Etiquette, http://www.expatperu.com/peruvian-manners-and-etiquette.html
    """
}

preference empty_handed {
  text: "come without a gift"
  reason: "they are between jobs and are counting every expense this month"
}

scenario dinner_gift_europe {
  type: gifts
  setting: "In {country}, {receiver}, a colleague, has invited {actor} to dinner at home on Friday. The shops on the way are still open."
  actor: "guest"
  receiver: "host"
  norm: host_gift
  preference: empty_handed
  follow: "Stop on the way and buy flowers or a bottle of wine."
  allow: "Arrive without a gift and thank the hosts warmly."
  countries: [IT, RU, PL, GB, CA]
}

scenario dinner_gift_family {
  type: gifts
  setting: "In {country}, {actor} is invited for the first time to a family dinner at the home of {receiver}."
  actor: "guest"
  receiver: "classmate"
  norm: host_gift
  preference: empty_handed
  follow: "Bring a box of sweets for the family."
  allow: "Come with nothing but thanks."
  countries: [TR, BR, PE]
}

norm odd_number_of_flowers {
  expectation: "Flowers for a host come in an odd number; even numbers of flowers are for funerals."
  holds_in: [RU, PL, KZ]
  source: """
    Lonely Planet, Moscow etiquette, https://www.lonelyplanet.com/russia/moscow/practical-information/directory/etiquette/a/nar/4b46bb95-980e-4067-b603-e30b78205492/1331588;
    Savoir-vivre (Poland), https://intopoland.com/travel-tips/savoir-vivre.html;
    Cultural Etiquette (Kazakhstan), https://eurasia.travel/kazakhstan/traditions/cultural_etiquette/
    """
}

preference even_bouquet {
  text: "give the bouquet of a dozen roses they already bought"
  reason: "the florist sold roses only by the dozen and they cannot afford a second bouquet"
}

scenario birthday_bouquet {
  type: gifts
  setting: "In {country}, {actor} is on the way to the birthday party of {receiver} with a bouquet of twelve roses."
  actor: "guest"
  receiver: "friend"
  norm: odd_number_of_flowers
  preference: even_bouquet
  follow: "Take one rose out so that the bouquet has eleven."
  allow: "Give all twelve roses."
}

norm gift_opened_later {
  expectation: "A gift is not opened in front of the person who gave it but set aside and opened later."
  holds_in: [IN, CN, PK]
  source: """
    Meals, Clothing Code & Gifts (India), http://mybustip.com/asia/india/meals-clothing-code-gifts/;
    Gifts Exchange (China), https://cn.hujiang.com/new/p477403/;
    Etiquette & Customs in Pakistan, https://pakistanicul.blogspot.com/2010/03/etiquette-customs-in-pakistan.html
    """
}

preference open_now {
  text: "open the gift on the spot"
  reason: "they want the giver to see how much the present delights them"
}

scenario wrapped_present {
  type: gifts
  setting: "In {country}, {receiver} hands {actor} a wrapped present to mark the end of a project they worked on together."
  actor: "recipient"
  receiver: "giver"
  norm: gift_opened_later
  preference: open_now
  follow: "Thank the giver and put the present aside to open later."
  allow: "Unwrap the present at once."
}

norm gift_opened_at_once {
  expectation: "A gift is unwrapped as soon as it is received, in front of the giver."
  holds_in: [NL, FR, RU]
  source: """
    The Netherlands: we do it like this, http://welcomm-project.com/welcomm1/the-netherlands/we-do-it-like-this/;
    Etiquette & Customs in France, https://latranslation.com/etiquette-customs-in-france/;
    How to visit a Russian, https://dzen.ru/a/Zd-GJAP01ljU6zVn
    """
}

preference open_later {
  text: "put the gift aside to open later"
  reason: "they feel awkward showing their reaction to a present in front of others"
}

scenario farewell_present {
  type: gifts
  setting: "In {country}, at the farewell drinks of {actor}, {receiver} hands over a wrapped present from the team."
  actor: "departing colleague"
  receiver: "team leader"
  norm: gift_opened_at_once
  preference: open_later
  follow: "Unwrap the present in front of everyone."
  allow: "Thank the team and open the present at home."
}

norm refuse_gift_first {
  expectation: "A gift is politely refused two or three times before it is accepted."
  holds_in: [CN]
  source: """
    Chinese gift exchange customs, http://gleemei.com/custom-109.html;
    Gift Giving (Guangzhou travel guide), http://www.guangzhoutravelguide.com/guangzhou/culture-shock
    """
}

preference accept_at_once {
  text: "accept the gift the first time it is offered"
  reason: "they find ritual refusals insincere and prefer to say what they mean"
}

scenario tea_gift {
  type: gifts
  setting: "In {country}, {receiver} of one of the students offers {actor} a tin of fine tea at the end of the school year."
  actor: "teacher"
  receiver: "parent"
  norm: refuse_gift_first
  preference: accept_at_once
  follow: "Decline politely a few times before accepting."
  allow: "Accept the tea with thanks at the first offer."
}

norm no_clock_gifts {
  expectation: "Clocks are not given as gifts, because 'giving a clock' sounds like seeing someone off at a funeral."
  holds_in: [CN]
  source: """
    What not to give as a gift in China, https://calendar-australia.com/faq/what-not-to-give-as-a-gift-in-china;
    Gifts to take to Chinese hosts, https://www.fodors.com/community/asia/gifts-to-take-to-chinese-hosts-640239/
    """
}

preference give_the_clock {
  text: "give the antique clock they chose"
  reason: "it belonged to their grandfather and they want their closest friend to have it"
}

scenario housewarming_clock {
  type: gifts
  setting: "In {country}, {actor} is invited to the housewarming of {receiver}, whom they have known since school, and has wrapped an antique mantel clock as a present."
  actor: "guest"
  receiver: "friend"
  norm: no_clock_gifts
  preference: give_the_clock
  follow: "Leave the clock at home and bring a different present."
  allow: "Give the clock."
}

norm name_day_wishes {
  expectation: "Friends and relatives call or visit with wishes, often flowers, on a person's name day."
  holds_in: [PL]
  source: """
    Polish Name Days, https://masterpage.com.pl/holidays-and-special-days/polish-name-day/polish-name-days/;
    How Poles celebrate namedays, https://pp.whiteeaglenews.com/history/poles-celebrate-namedays
    """
}

preference birthday_only {
  text: "mark only the birthday and skip the name day"
  reason: "they are not religious and see name days as a church custom they do not share"
}

scenario name_day_call {
  type: gifts
  setting: "In {country}, today is the name day of {receiver}, and {actor} sees it marked on the calendar."
  actor: "godchild"
  receiver: "godparent"
  norm: name_day_wishes
  preference: birthday_only
  follow: "Call with name-day wishes."
  allow: "Let the day pass and call on the birthday instead."
}

norm birthday_treat {
  expectation: "On their birthday, a person brings cake or treats for their colleagues or classmates."
  holds_in: [NL]
  source: """
    Meet and greet, Expat Centre Leiden, https://www.expatcentreleiden.nl/en/social-and-leisure/social-behaviour/business-corporate/meet-and-greet;
    Inviting people over, Expat Centre Leiden, https://www.expatcentreleiden.nl/en/social-and-leisure/social-behaviour/informal/inviting-people-over
    """
}

preference quiet_birthday {
  text: "keep their birthday to themselves and bring nothing"
  reason: "they keep their birthday private and dislike attention at work"
}

scenario office_birthday {
  type: workplace
  setting: "In {country}, tomorrow is the birthday of {actor}, and {receiver} has already mentioned it to the team."
  actor: "employee"
  receiver: "colleague"
  norm: birthday_treat
  preference: quiet_birthday
  follow: "Bring a cake for the team tomorrow."
  allow: "Bring nothing and let the day pass quietly."
}

norm lucky_money {
  expectation: "Visitors during the Lunar New Year (Tet) give the children of the family lucky money in red envelopes."
  holds_in: [VN]
  source: "Dos and Don'ts for Vietnamese New Year (Tet festival), https://vietnamtravelgo.com/dos-and-donts-for-vietnamese-new-year-tet-festival/"
}

preference book_not_money {
  text: "give the children picture books instead of money"
  reason: "they think giving cash to children teaches them the wrong lesson"
}

scenario tet_children {
  type: gifts
  setting: "In {country}, {actor} visits {receiver} and family on the first days of Tet. Three children come to wish the visitor a happy new year."
  actor: "visitor"
  receiver: "friend"
  norm: lucky_money
  preference: book_not_money
  follow: "Give each child a red envelope with lucky money."
  allow: "Give each child a picture book instead."
}

norm no_alcohol_as_gift {
  expectation: "Guests do not bring alcohol as a gift to someone's home."
  holds_in: [LK, PK, KE]
  source: """
    Respecting local traditions in Sri Lanka, https://www.wiowiki.com/must-read-sri-lanka/respecting-local-traditions/;
    Etiquette & Customs in Pakistan, https://pakistanicul.blogspot.com/2010/03/etiquette-customs-in-pakistan.html;
    Rituals and traditions of Kenya, https://prezi.com/qudpwgk3mc74/rituals-and-traditions-of-kenya
    """
}

preference bring_own_wine {
  text: "bring a bottle of the wine they make"
  reason: "they run a small vineyard and their own wine is the gift they are proudest of"
}

scenario vineyard_gift {
  type: gifts
  setting: "In {country}, {actor} is invited to the home of {receiver}, a business contact, for dinner."
  actor: "guest"
  receiver: "host"
  norm: no_alcohol_as_gift
  preference: bring_own_wine
  follow: "Bring a box of sweets instead."
  allow: "Bring a bottle of their own wine."
}
