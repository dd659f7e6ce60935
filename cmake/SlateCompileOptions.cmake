# SPDX-License-Identifier: Apache-2.0
# Project-wide compile settings, applied per target so third-party code keeps its own warnings.

if(SLATE_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
    # GCC's flow analysis misreads ASan-instrumented std::optional<shared_ptr> as maybe-uninitialized.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-Wno-maybe-uninitialized>)
    endif()
endif()

# slate_project_target(<target>): warnings as errors and the house defaults for our own code.
function(slate_project_target target)
    target_compile_features(${target} PUBLIC cxx_std_20)
    target_compile_options(${target} PRIVATE
        $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
            -Wconversion -Wno-sign-conversion -Werror>
        # GCC 12 at -O3 reports false -Wrestrict on std::string appends (GCC bug 105329).
        $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<CXX_COMPILER_ID:GNU>>:-Wno-restrict>)
endfunction()
