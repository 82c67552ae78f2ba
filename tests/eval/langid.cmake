# Language identification accuracy on shared Wikipedia sentences
# (included from tests/eval/CMakeLists.txt). Skips (77) without the data.
add_executable(langid_eval "${CMAKE_CURRENT_LIST_DIR}/langid_eval.cc")
target_link_libraries(langid_eval PRIVATE textlens_text nlohmann_json::nlohmann_json)
target_compile_definitions(langid_eval PRIVATE TEXTLENS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
set_target_properties(langid_eval PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
add_test(NAME langid_eval COMMAND langid_eval)
set_tests_properties(langid_eval PROPERTIES SKIP_RETURN_CODE 77 LABELS eval)

# Language of every sentence in mixed documents built from the same data.
add_executable(langid_mixed_eval "${CMAKE_CURRENT_LIST_DIR}/langid_mixed_eval.cc")
target_link_libraries(langid_mixed_eval PRIVATE textlens_text nlohmann_json::nlohmann_json)
target_compile_definitions(langid_mixed_eval PRIVATE TEXTLENS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
set_target_properties(langid_mixed_eval PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
add_test(NAME langid_mixed_eval COMMAND langid_mixed_eval)
set_tests_properties(langid_mixed_eval PROPERTIES SKIP_RETURN_CODE 77 LABELS eval)
