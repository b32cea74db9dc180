# The Windows installer for council laptops (CPack NSIS): the desktop app only, with the Qt
# runtime windeployqt gathers and the other DLLs it links. Written, never built or run:
# no Windows machine here; docs/INSTALL.md lists what to check on the first build.
# The "desktop" component is casebook.exe (app/CMakeLists.txt); casebook-cli and
# casebook-server use POSIX terminal and file APIs and are not built for Windows yet.
set(CPACK_GENERATOR NSIS)
set(CPACK_COMPONENTS_ALL desktop)
set(CPACK_PACKAGE_NAME "Pivot Casebook")
set(CPACK_PACKAGE_VENDOR "Pivot Casebook")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Pivot Casebook")
set(CPACK_PACKAGE_FILE_NAME "PivotCasebook-${PROJECT_VERSION}-win64")
set(CPACK_PACKAGE_EXECUTABLES casebook "Pivot Casebook")
set(CPACK_NSIS_DISPLAY_NAME "Pivot Casebook")
set(CPACK_NSIS_PACKAGE_NAME "Pivot Casebook")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\casebook.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH OFF)
# Per-machine install under Program Files, for managed laptops (IT installs, workers run).
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")

# Qt's DLLs and plugins (platforms, styles, imageformats, printsupport) beside casebook.exe.
# Runs at install time, so in CPack's staging directory too.
find_program(CASEBOOK_WINDEPLOYQT windeployqt HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}" REQUIRED)
install(CODE "
  execute_process(COMMAND \"${CASEBOOK_WINDEPLOYQT}\" --release --no-translations
                          --dir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\"
                          \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/casebook.exe\"
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR \"windeployqt failed (\${rc})\")
  endif()" COMPONENT desktop)

# The non-Qt DLLs casebook.exe links (SQLCipher, libsodium, OpenSSL's libcrypto, zxcvbn),
# found on CASEBOOK_WINDOWS_DLL_DIRS (e.g. vcpkg's installed/x64-windows/bin).
set(CASEBOOK_WINDOWS_DLL_DIRS "" CACHE PATH "Directories holding the third-party DLLs casebook.exe needs")
install(CODE "
  file(GET_RUNTIME_DEPENDENCIES
    EXECUTABLES \"$<TARGET_FILE:casebook>\"
    DIRECTORIES ${CASEBOOK_WINDOWS_DLL_DIRS}
    RESOLVED_DEPENDENCIES_VAR found UNRESOLVED_DEPENDENCIES_VAR missing
    PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\" \"^Qt6\"
    POST_EXCLUDE_REGEXES \".*[Ss]ystem32/.*\")
  if(missing)
    message(FATAL_ERROR \"DLLs not found on CASEBOOK_WINDOWS_DLL_DIRS: \${missing}\")
  endif()
  file(INSTALL \${found} DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")" COMPONENT desktop)
