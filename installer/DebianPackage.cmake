# The .deb: pivot-casebook_<version>_<arch>.deb with everything in one package, as a
# council installs the desktop app, the CLI and the server from the same file.
set(CASEBOOK_PACKAGE_MAINTAINER "Pivot Casebook team <casebook@localhost>" CACHE STRING
  "The .deb's Maintainer field: the name and address of whoever builds and supports this package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pivot-casebook)
set(CPACK_PACKAGE_VENDOR "Pivot Casebook")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "${CASEBOOK_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Release binaries without their debug sections (a tenth of the size).
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# Libraries from dpkg-shlibdeps (dpkg-dev); then what the binaries do not link but need:
# adduser for the maintainer scripts, and Qt's platform plugins (only recommended by
# libqt6gui6) without which the desktop app cannot open a window.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, qt6-qpa-plugins")
# The long description; CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY on the first line.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"Pivot Casebook is an offline-first case-work tool for a council's
multi-agency PIVOT team (council, police, fire, mental-health trust,
children's services, volunteers). Workers record cases of people with
multiple complex needs on council laptops, often with no network; every
laptop keeps its own encrypted store (SQLCipher, key from the worker's
passphrase by Argon2id) and syncs with the team's server.
.
This package holds the desktop app (casebook), the same store and sync
without a window (casebook-cli) and the team's sync server
(casebook-server, with a systemd unit that is installed disabled).")

set(maintainer_scripts ${CMAKE_CURRENT_SOURCE_DIR}/debian)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${maintainer_scripts}/postinst ${maintainer_scripts}/prerm ${maintainer_scripts}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
