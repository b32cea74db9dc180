# Writes a gzipped man page (section 1) from a program's own --help and each command's
# --help, so the page says exactly what the program says and cannot fall behind it.
# Run with cmake -P and:
#   PROGRAM   the built executable          NAME     its installed name
#   SUMMARY   the one-line NAME summary     VERSION  the project version
#   COMMANDS  comma-separated command words whose --help becomes a COMMANDS subsection
#             ("user add"); every command the top-level help lists must be among them
#   EXTRA     optional roff file appended before SEE ALSO (FILES, ENVIRONMENT, ...)
#   OUTPUT    the .1.gz to write
#   HOME      a scratch home, so no --help can touch the builder's own settings or stores
cmake_minimum_required(VERSION 3.25)
set(ENV{QT_QPA_PLATFORM} offscreen) # the desktop app's --help needs a QGuiApplication
set(ENV{LC_ALL} C.UTF-8)
set(ENV{HOME} "${HOME}")
set(ENV{XDG_DATA_HOME} "${HOME}/.local/share")
set(ENV{XDG_CONFIG_HOME} "${HOME}/.config")
file(MAKE_DIRECTORY "${HOME}")
string(REPLACE "," ";" COMMANDS "${COMMANDS}")

function(help_of words out)
  separate_arguments(args UNIX_COMMAND "${words}")
  execute_process(COMMAND "${PROGRAM}" ${args} --help
    OUTPUT_VARIABLE text ERROR_VARIABLE error RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR text STREQUAL "")
    message(FATAL_ERROR "${NAME} ${words} --help failed (${rc}): ${error}")
  endif()
  # Qt's own usage line names the binary by the path it was run from (the build tree).
  string(REPLACE "${PROGRAM}" "${NAME}" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Help text as a roff no-fill block (the option columns stay aligned): backslashes,
# leading dots and quotes escaped, hyphens as \- so options copy and search as typed.
# A line of 100 characters or more (escapes counted) is a paragraph of prose: filled, so
# it wraps.
string(REPEAT "[^\n]" 100 long_line)
function(roff_block text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  string(STRIP "${text}" text)
  string(REGEX REPLACE "(^|\n)(${long_line}[^\n]*)" "\\1.fi\n\\2\n.nf" text "${text}")
  set(${out} ".nf\n${text}\n.fi\n" PARENT_SCOPE)
endfunction()

help_of("" top)

# Every command word the top-level help lists ("  init ...", "  case add|list") must have
# its subsection here; a new command without one fails the build instead of going unseen.
string(REGEX MATCHALL "\n  [a-z][a-z-]*" listed "\n${top}")
foreach(line IN LISTS listed)
  string(STRIP "${line}" word)
  set(found OFF)
  foreach(command IN LISTS COMMANDS)
    if(command MATCHES "^${word}( |$)")
      set(found ON)
    endif()
  endforeach()
  if(NOT found)
    message(FATAL_ERROR "${NAME}: the help lists \"${word}\" but the man page has no section for it; "
                        "add it to COMMANDS in installer/man/CMakeLists.txt")
  endif()
endforeach()

string(TOUPPER "${NAME}" title)
roff_block("${top}" body)
string(CONCAT page ".TH ${title} 1 \"\" \"Pivot Casebook ${VERSION}\" \"Pivot Casebook\"\n"
  ".SH NAME\n${NAME} \\- ${SUMMARY}\n.SH DESCRIPTION\n${body}")
if(COMMANDS)
  string(APPEND page ".SH COMMANDS\n")
  foreach(command IN LISTS COMMANDS)
    help_of("${command}" text)
    roff_block("${text}" block)
    string(APPEND page ".SS \"${NAME} ${command}\"\n${block}")
  endforeach()
endif()
if(EXTRA)
  file(READ "${EXTRA}" extra)
  string(APPEND page "${extra}")
endif()
string(APPEND page ".SH SEE ALSO\n"
  "casebook(1), casebook\\-cli(1), casebook\\-server(1);\n"
  "/usr/share/doc/pivot\\-casebook/ (INSTALL.md, CLI.md, SYNC.md, SECURITY.md)\n")

file(WRITE "${OUTPUT}.tmp" "${page}")
execute_process(COMMAND gzip -9nc "${OUTPUT}.tmp" OUTPUT_FILE "${OUTPUT}" RESULT_VARIABLE rc)
file(REMOVE "${OUTPUT}.tmp")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip failed for ${OUTPUT}")
endif()
