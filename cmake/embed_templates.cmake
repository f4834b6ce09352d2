# Writes OUTPUT: a C++ file holding every file under TEMPLATE_DIR as a raw
# string, so that the built binary carries its default templates.
# Run by the build (see CMakeLists.txt) whenever a template changes.
file(GLOB_RECURSE files RELATIVE "${TEMPLATE_DIR}" "${TEMPLATE_DIR}/*")
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  file(READ "${TEMPLATE_DIR}/${f}" content)
  string(FIND "${content}" ")KBGEN_EMBED\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${f} contains the embedding delimiter")
  endif()
  string(APPEND body "    {\"${f}\", R\"KBGEN_EMBED(${content})KBGEN_EMBED\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp"
"// Generated from templates/ by cmake/embed_templates.cmake; do not edit.\n"
"#include \"render/templates.h\"\n\n"
"namespace kbgen {\n\n"
"const std::vector<BuiltinTemplate>& builtin_templates() {\n"
"  static const std::vector<BuiltinTemplate> files = {\n${body}  };\n"
"  return files;\n}\n\n}  // namespace kbgen\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
