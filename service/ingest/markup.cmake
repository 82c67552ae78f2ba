# HTML (gumbo) and Markdown (cmark) to text, with the metadata the markup
# carries.
find_package(PkgConfig REQUIRED)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(CMARK REQUIRED IMPORTED_TARGET libcmark)

add_library(textlens_ingest_markup STATIC
  "${CMAKE_CURRENT_LIST_DIR}/html_converter.cc"
  "${CMAKE_CURRENT_LIST_DIR}/html_metadata.cc"
  "${CMAKE_CURRENT_LIST_DIR}/markdown_converter.cc")
target_include_directories(textlens_ingest_markup PUBLIC "${PROJECT_SOURCE_DIR}")
target_link_libraries(textlens_ingest_markup
  PUBLIC absl::status absl::statusor absl::strings
  PRIVATE textlens_ingest PkgConfig::GUMBO PkgConfig::CMARK
          nlohmann_json::nlohmann_json)
