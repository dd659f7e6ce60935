// SPDX-License-Identifier: Apache-2.0
// What an OpenColorIO config offers, for listing and for checking names early.
#include <fmt/format.h>

#include "media/color/color_space.h"
#include "ocio_common.h"

namespace media::color {

Result<OcioConfigInfo> load_ocio_config(const std::string& path) {
    MEDIA_TRY_ASSIGN(const detail::OCIO::ConstConfigRcPtr config, detail::open_ocio_config(path));
    OcioConfigInfo out;
    const char* env = std::getenv("OCIO");
    out.path = !path.empty() ? path : env != nullptr ? env : "";
    try {
        out.description = config->getDescription();
        for (int i = 0; i < config->getNumColorSpaces(); ++i)
            out.color_spaces.emplace_back(config->getColorSpaceNameByIndex(i));
        for (int i = 0; i < config->getNumRoles(); ++i)
            out.roles.emplace_back(config->getRoleName(i));
        out.default_display = config->getDefaultDisplay();
        for (int i = 0; i < config->getNumDisplays(); ++i) {
            const char* display = config->getDisplay(i);
            out.displays.emplace_back(display);
            std::vector<std::string> views;
            for (int v = 0; v < config->getNumViews(display); ++v)
                views.emplace_back(config->getView(display, v));
            out.views.push_back(std::move(views));
        }
        for (int i = 0; i < config->getNumLooks(); ++i)
            out.looks.emplace_back(config->getLookNameByIndex(i));
    } catch (const std::exception& e) {
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("OCIO config: {}", detail::tidy_ocio_message(e.what(), out.path)))
            .with_file(out.path);
    }
    return out;
}

}  // namespace media::color
