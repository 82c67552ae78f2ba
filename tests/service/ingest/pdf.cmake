textlens_cc_test(NAME pdf_test
  SRCS "${CMAKE_CURRENT_LIST_DIR}/pdf_test.cc"
  DEPS textlens_ingester ZLIB::ZLIB)
add_dependencies(pdf_test textlens-pdf)
target_compile_definitions(pdf_test PRIVATE PDF_HELPER="$<TARGET_FILE:textlens-pdf>")
