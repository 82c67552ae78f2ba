# Evaluation of the entities analyzer on the shared data (../shared/data):
# the five seed documents against their gold, and WikiNEuRal fr/en.
# Exits 77 (skipped) when the data is missing.
add_executable(entities_eval "${CMAKE_CURRENT_LIST_DIR}/entities_eval.cc")
target_link_libraries(entities_eval PRIVATE textlens_entities textlens_text
  nlohmann_json::nlohmann_json)
target_include_directories(entities_eval PRIVATE "${PROJECT_SOURCE_DIR}")
target_compile_definitions(entities_eval PRIVATE
  TEXTLENS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
set_target_properties(entities_eval PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
add_test(NAME entities_eval COMMAND entities_eval)
set_tests_properties(entities_eval PROPERTIES SKIP_RETURN_CODE 77 LABELS eval)
