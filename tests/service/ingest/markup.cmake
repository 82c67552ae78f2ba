textlens_cc_test(NAME markup_test
  SRCS "${CMAKE_CURRENT_LIST_DIR}/markup_test.cc"
  DEPS textlens_ingest_markup)
