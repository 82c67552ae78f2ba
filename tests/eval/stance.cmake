# Evaluation of the stance analyzer: grouped 5-fold cross-validation over
# stance/dev.jsonl and stance/more.jsonl (170 French and English excerpts),
# baselines on the same folds, and the shipped model on the five seed
# documents. Included from tests/eval/CMakeLists.txt. Skips (77) when the data
# set is absent.
add_executable(stance_eval ${CMAKE_CURRENT_LIST_DIR}/stance_eval.cc)
target_link_libraries(stance_eval PRIVATE
  textlens_stance_trainer nlohmann_json::nlohmann_json)
target_include_directories(stance_eval PRIVATE "${PROJECT_SOURCE_DIR}")
target_compile_definitions(stance_eval PRIVATE
  TEXTLENS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
set_target_properties(stance_eval PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
add_test(NAME stance_eval COMMAND stance_eval
  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
set_tests_properties(stance_eval PROPERTIES
  SKIP_RETURN_CODE 77 LABELS eval TIMEOUT 600)
