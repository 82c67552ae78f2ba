// Where the evaluations read the shared, licensed data: $TEXTLENS_DATA_DIR,
// or ../shared/data beside the repository (TEXTLENS_SOURCE_DIR is defined by
// each evaluation's build rule).
#ifndef TEXTLENS_TESTS_EVAL_DATA_DIR_H_
#define TEXTLENS_TESTS_EVAL_DATA_DIR_H_

#include <cstdlib>
#include <string>

namespace textlens::eval {

inline std::string DataDir() {
  const char* dir = std::getenv("TEXTLENS_DATA_DIR");
  return dir != nullptr && *dir != '\0'
             ? std::string(dir)
             : std::string(TEXTLENS_SOURCE_DIR) + "/../shared/data";
}

}  // namespace textlens::eval

#endif  // TEXTLENS_TESTS_EVAL_DATA_DIR_H_
