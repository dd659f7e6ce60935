# SPDX-License-Identifier: Apache-2.0
# Decides whether gpu/ builds its CUDA kernels. AUTO: whenever nvcc is found. A CUDA build still runs
# on a machine without a GPU: the runtime is linked statically and reports zero devices there.

set(SLATE_HAVE_CUDA OFF)
if(NOT SLATE_CUDA STREQUAL "OFF")
    include(CheckLanguage)
    if(NOT CMAKE_CUDA_COMPILER AND EXISTS /usr/local/cuda/bin/nvcc)
        set(CMAKE_CUDA_COMPILER /usr/local/cuda/bin/nvcc)
    endif()
    check_language(CUDA)
    if(CMAKE_CUDA_COMPILER)
        if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
            # Hopper (H100/H200) natively, plus PTX so newer cards can JIT.
            set(CMAKE_CUDA_ARCHITECTURES "90-real;90-virtual")
        endif()
        enable_language(CUDA)
        find_package(CUDAToolkit REQUIRED)
        set(SLATE_HAVE_CUDA ON)
    elseif(SLATE_CUDA STREQUAL "ON")
        message(FATAL_ERROR "SLATE_CUDA=ON but no CUDA compiler (nvcc) was found")
    endif()
endif()
message(STATUS "Slate: CUDA kernels ${SLATE_HAVE_CUDA}")
