# Compiler settings for project code only: third-party headers come in as SYSTEM includes,
# so -Werror applies to what we write, not to Qt or SQLCipher.
add_library(casebook_options INTERFACE)
target_compile_options(casebook_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wformat=2 -fstack-protector-strong
  $<$<BOOL:${CASEBOOK_WERROR}>:-Werror>)
target_compile_definitions(casebook_options INTERFACE
  QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
  QT_NO_CAST_FROM_BYTEARRAY QT_USE_QSTRINGBUILDER
  $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
target_link_options(casebook_options INTERFACE -Wl,-z,relro,-z,now)

# casebook_add_library(name SOURCES...) builds one layer folder as casebook_<name>.
function(casebook_add_library name)
  add_library(casebook_${name} STATIC ${ARGN})
  target_include_directories(casebook_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/..)
  target_link_libraries(casebook_${name} PRIVATE casebook_options)
endfunction()

# casebook_add_test(layer name SOURCES...) adds one QtTest suite to ctest.
function(casebook_add_test layer name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE casebook_options Qt6::Test)
  add_test(NAME ${layer}.${name} COMMAND ${name})
  set_tests_properties(${layer}.${name} PROPERTIES
    LABELS ${layer}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8"
    TIMEOUT 300)
endfunction()
