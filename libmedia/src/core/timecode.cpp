// SPDX-License-Identifier: Apache-2.0
#include "media/core/timecode.h"
