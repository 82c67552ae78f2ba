# Evaluation of the summarizer on OrangeSum (French news, abstracts written by
# journalists). Included from tests/eval/CMakeLists.txt. Skips (77) when the
# data set is absent.
add_executable(summarizer_eval ${CMAKE_CURRENT_LIST_DIR}/summarizer_eval.cc)
target_link_libraries(summarizer_eval PRIVATE
  textlens_summarizer textlens_summarizer_rouge textlens_text
  nlohmann_json::nlohmann_json)
target_include_directories(summarizer_eval PRIVATE "${PROJECT_SOURCE_DIR}")
target_compile_definitions(summarizer_eval PRIVATE
  TEXTLENS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
set_target_properties(summarizer_eval PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
add_test(NAME summarizer_eval COMMAND summarizer_eval
  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
set_tests_properties(summarizer_eval PROPERTIES
  SKIP_RETURN_CODE 77 LABELS eval TIMEOUT 600)

# The tool that regenerates plugins/summarizer/data/df_fr.tsv (not a test).
add_executable(summarizer_make_df ${CMAKE_CURRENT_LIST_DIR}/summarizer_make_df.cc)
target_link_libraries(summarizer_make_df PRIVATE
  textlens_text nlohmann_json::nlohmann_json)
target_include_directories(summarizer_make_df PRIVATE "${PROJECT_SOURCE_DIR}")
set_target_properties(summarizer_make_df PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")

# The summarizer on English news against the headlines (a sanity check; see
# summarizer_english_eval.cc).
add_executable(summarizer_english_eval
  ${CMAKE_CURRENT_LIST_DIR}/summarizer_english_eval.cc)
target_link_libraries(summarizer_english_eval PRIVATE
  textlens_summarizer textlens_summarizer_rouge textlens_text)
target_include_directories(summarizer_english_eval PRIVATE
  "${PROJECT_SOURCE_DIR}")
target_compile_definitions(summarizer_english_eval PRIVATE
  TEXTLENS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
set_target_properties(summarizer_english_eval PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
add_test(NAME summarizer_english_eval COMMAND summarizer_english_eval
  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
set_tests_properties(summarizer_english_eval PROPERTIES
  SKIP_RETURN_CODE 77 LABELS eval TIMEOUT 600)

# The embedded sentence model is what textlens-train-summarizer makes from
# the training split (about 20 s).
add_test(NAME summarizer_train_check
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/summarizer_train_check.sh
    $<TARGET_FILE:textlens-train-summarizer>
  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
set_tests_properties(summarizer_train_check PROPERTIES
  SKIP_RETURN_CODE 77 LABELS eval TIMEOUT 600)
