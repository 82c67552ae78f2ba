# PDF (poppler-cpp), read only inside the `textlens-pdf` helper process
# that the server spawns with memory and CPU limits.
find_package(PkgConfig REQUIRED)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)

add_library(textlens_ingest_pdf STATIC
  "${CMAKE_CURRENT_LIST_DIR}/pdf_converter.cc"
  "${CMAKE_CURRENT_LIST_DIR}/pdf_sandbox.cc")
target_include_directories(textlens_ingest_pdf PUBLIC "${PROJECT_SOURCE_DIR}")
target_link_libraries(textlens_ingest_pdf
  PUBLIC textlens_common absl::status absl::statusor absl::strings absl::synchronization absl::time
  PRIVATE PkgConfig::POPPLER_CPP ICU::uc)

add_executable(textlens-pdf "${CMAKE_CURRENT_LIST_DIR}/pdf_helper_main.cc")
target_link_libraries(textlens-pdf
  PRIVATE textlens_ingest_pdf absl::flags absl::flags_parse)
