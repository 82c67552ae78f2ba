// Boilerplate blocks shared by every format: the headings that open a
// comments section, and the lone "Partager" / "Ajouter un commentaire"
// blocks of share buttons and comment forms.
//
// Thread-safe: stateless.
#ifndef TEXTLENS_SERVICE_INGEST_BOILERPLATE_H_
#define TEXTLENS_SERVICE_INGEST_BOILERPLATE_H_

#include <string_view>

namespace textlens::service::ingest {

// True if `block` opens a comments section, which ends the article:
// "Commentaires", "Comments (12)", "3 réactions"; with `heading` (the block
// is a heading), also longer headings starting with "Commentaires" or
// "Comments".
bool OpensComments(std::string_view block, bool heading);

// True if `block` is a share button or comment-form label on its own:
// "Partager", "Share this article", "Ajouter un commentaire".
bool IsBoilerplate(std::string_view block);

}  // namespace textlens::service::ingest

#endif  // TEXTLENS_SERVICE_INGEST_BOILERPLATE_H_
