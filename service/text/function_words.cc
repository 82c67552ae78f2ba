#include "service/text/function_words.h"

namespace textlens::service::text {

std::vector<std::string_view> SplitList(std::string_view list, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(sep, start);
    if (end == std::string_view::npos) end = list.size();
    if (end > start) out.push_back(list.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The lists are the project's own, written from general knowledge of each
// language's grammar (articles, pronouns, prepositions, conjunctions,
// auxiliaries), not derived from any corpus.
const std::vector<LanguageLexicon>& LanguageLexicons() {
  static const auto* const kLexicons = new std::vector<LanguageLexicon>{
      {"fr",
       "le la les un une des du de d' l' au aux et ou mais donc or ni car "
       "que qu' qui quoi dont où ce cet cette ces son sa ses leur leurs mon "
       "ma mes ton ta tes notre nos votre vos il ils elle elles on nous vous "
       "je j' tu se s' ne n' pas plus très aussi avec pour par sur sous dans "
       "en entre vers chez sans est sont été être avoir a ont avait était "
       "sera fait peut comme si tout tous toute toutes même autre y lui eux "
       "c' cela ça aussi depuis pendant selon lors après avant encore déjà",
       "eau_ aux_ eux_ ait_ aient_ ée_ ées_ és_ ère ès_ ç œ ê â î ï û ô ë è "
       "_qu' qu' _l' _d' _c' _n' _s' oi ou_ ous_ ent_ ment_ tion_ _des_ "
       "_les_ _une_ _du_ _est_ ique_ elle_ eur_ euse iè ui_"},
      {"en",
       "the a an and or but of to in on at by for with from into about as "
       "is are was were be been being have has had do does did will would "
       "can could should may might must shall it its this that these those "
       "he she they we you i him her them us his their our your my which "
       "who whom whose what where when why how not no than then there here "
       "also only just so such very more most some any all each both one "
       "other after before over under between through during while if "
       "because since until up out off again",
       "_th th_ _the_ ing_ ght wh_ _wh _sh ly_ ed_ ough ould ck_ ss_ ey_ "
       "ow_ ay_ _of_ _and_ _to_ ness_ tion_ w _ha ea ee oo ure_ er_ y_"},
      {"de",
       "der die das den dem des ein eine einer eines einem einen und oder "
       "aber nicht kein keine ist sind war waren wird werden wurde wurden "
       "hat haben hatte sein seine ihre ihr sie er es wir ich du man mit von "
       "zu zum zur bei nach aus auf für über unter vor durch gegen ohne um "
       "als wie auch noch nur schon sehr mehr dass daß wenn weil denn so im "
       "am ins vom sich dieser diese dieses jeder alle auch doch",
       "ä ö ü ß sch cht ung_ ich_ ein_ eit_ chen_ keit lich tz _ge ie ei au "
       "_zu_ _und_ _der_ _die_ _das_ en_ er_ z w k ck pf st_ _ver _be"},
      {"es",
       "el la los las un una unos unas y o pero de del al a en con por para "
       "sin sobre entre hasta desde que qué quien cual como cuando donde "
       "es son era fue fueron ser estar está están ha han había sido se su "
       "sus lo le les me te nos mi tu él ella ellos ellas este esta estos "
       "estas ese esa eso muy más también ya no sí porque aunque si todo "
       "todos otro otra cada durante tras según",
       "ñ ción_ ciones _¿ ¿ ¡ á í ó ú ll ado_ ada_ ados_ adas_ os_ as_ ue ía "
       "ero_ dad_ _el_ _los_ _las_ _del_ _y_ _una_ mente_ idad ez_ ar_ ir_"},
      {"it",
       "il lo la i gli le un uno una di del dello della dei degli delle a al "
       "allo alla ai agli alle da dal dalla dai in nel nella nei negli nelle "
       "con su sul sulla per tra fra e ed o ma che chi non è sono era erano "
       "fu stato stata essere avere ha hanno aveva si suo sua suoi sue loro "
       "questo questa questi quello quella come anche più molto già dopo "
       "quando dove perché se ci ne tutto tutti",
       "zione_ zioni_ gli_ _gli_ cch zz tt ità_ ò ù ì è_ _che_ ella ento "
       "i_ zza ssi _il_ _di_ _della_ _del_ _nel_ etto_ ato_ ata_ are_ ere_ "
       "ione_ no_ _è_ sc"},
      {"nl",
       "de het een en of maar van in op aan met voor door bij naar uit over "
       "onder tot tussen om te is zijn was waren wordt worden werd hij zij "
       "ze wij we ik jij je u hem haar hun ons dit dat deze die wat wie waar "
       "hoe niet geen ook nog al wel er als dan zo zeer meer heeft hebben "
       "had kan kunnen zal zou veel na sinds omdat",
       "ij aa oo ee uu sch cht oe ijk lijk en_ _van_ _het_ _een_ _de_ gen_ "
       "isch tje ou_ ui _ge _ver ers_ ng_ k w z v"},
      {"pt",
       "o a os as um uma uns umas e ou mas de do da dos das em no na nos nas "
       "ao aos à às por pelo pela para com sem sobre entre até desde que "
       "quem qual como quando onde é são era foi foram ser estar está ter "
       "tem têm tinha se seu sua seus suas ele ela eles elas este esta isso "
       "isto esse essa muito mais também já não sim porque se todo todos "
       "outro outra cada durante após",
       "ã õ ção_ ções_ lh nh ê á ó ém_ ão_ amos_ _do_ _da_ _dos_ _das_ _não_ "
       "_em_ mente_ ado_ ada_ os_ as_ eira ui_ à ç"},
      {"pl",
       "i w z na do nie się że to jest są był była było jak ale od po o za "
       "przez dla przy jego jej ich ten ta te tego tym który która które "
       "oraz a lub czy jako także też już tylko bardzo może we ze co gdy",
       "ą ę ł ś ź ż ć ń sz cz rz ie ów_ wy ych_ ego_ _prz owa ski_ ska_ "
       "ję _w_ _z_ _i_ _się_ j"},
  };
  return *kLexicons;
}

}  // namespace textlens::service::text
