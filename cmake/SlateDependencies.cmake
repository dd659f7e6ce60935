# SPDX-License-Identifier: Apache-2.0
# Every dependency comes from a Debian 12 package (scripts/setup installs them).

find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBAV REQUIRED IMPORTED_TARGET
    libavformat libavcodec libavutil libswscale libswresample libavfilter)
pkg_check_modules(OCIO REQUIRED IMPORTED_TARGET OpenColorIO>=2.1)
pkg_check_modules(FONTS REQUIRED IMPORTED_TARGET freetype2 fontconfig)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
find_package(pugixml REQUIRED)
find_package(OpenCV 4 REQUIRED COMPONENTS core imgproc)
find_package(OpenImageIO 2.4 CONFIG REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(TBB REQUIRED)
find_package(Threads REQUIRED)
if(SLATE_BUILD_TESTS)
    find_package(GTest REQUIRED)
endif()
if(SLATE_BUILD_BENCH)
    find_package(benchmark REQUIRED)
endif()
