# cmake -DPLUGIN=FILE -DSUBDIR=plugins/4.0/epan -P install-user.cmake
# Copies the plugin into the personal plugin directory of whoever runs the build target (HOME is read
# now, not when the project was configured). Wireshark ignores this directory when run as root.
set(dest "$ENV{HOME}/.local/lib/wireshark/${SUBDIR}")
file(MAKE_DIRECTORY "${dest}")
file(COPY "${PLUGIN}" DESTINATION "${dest}")
message(STATUS "Installed ${PLUGIN} into ${dest}")
