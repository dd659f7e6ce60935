// SPDX-License-Identifier: Apache-2.0
#include "media/color/color_pipeline.h"
#include "media/color/color_space.h"
#include "media/transcode/transcode.h"

namespace media::transcode {

Result<color::ColorPipelineDesc> build_look(const LookRequest& request) {
    color::ColorPipelineDesc desc;
    if (!request.cdl.empty()) {
        MEDIA_TRY_ASSIGN(color::CdlValues values, color::load_cdl(request.cdl, request.cdl_id));
        color::ColorStep step;
        step.kind = color::ColorStep::Kind::Cdl;
        step.cdl = values;
        step.path = request.cdl;
        desc.steps.push_back(step);
    }
    if (!request.look.empty()) {
        MEDIA_TRY_ASSIGN(color::ColorPipelineDesc look, color::load_look(request.look));
        desc.steps.insert(desc.steps.end(), look.steps.begin(), look.steps.end());
    }
    if (!request.lut.empty()) {
        MEDIA_TRY(color::check_lut_file(request.lut));
        color::ColorStep step;
        step.kind = color::ColorStep::Kind::Lut;
        step.path = request.lut;
        desc.steps.push_back(step);
    }
    if (request.from.empty() != request.to.empty())
        return Error(ErrorCode::InvalidArgument,
                     "a colour-space conversion needs both --from and --to");
    if (!request.from.empty()) {
        MEDIA_TRY_ASSIGN(color::ColorPipelineDesc conversion,
                         color::builtin_conversion(request.from, request.to));
        desc.append(conversion);
    }
    return desc;
}

BurnInTemplate compose_burnins(const BurnInTemplate& preset, const BurnInRequest& request) {
    BurnInTemplate out;
    if (request.keep_preset) out = preset;
    double y_offset = 0.0;
    for (const auto& text : request.texts) {
        BurnInElement element;
        element.field = BurnInField::Text;
        element.text = text;
        element.anchor = Anchor::TopLeft;
        element.size = 0.035;
        element.margin = 0.03 + y_offset;
        y_offset += 0.05;
        out.elements.push_back(element);
    }
    if (!request.watermark.empty()) {
        BurnInElement element;
        element.field = BurnInField::Watermark;
        element.text = request.watermark;
        element.anchor = Anchor::Center;
        element.size = 0.12;
        element.margin = 0.0;
        element.box = false;
        element.opacity = 0.25;
        element.font = "DejaVu Sans:style=Bold";
        out.elements.push_back(element);
    }
    return out;
}

}  // namespace media::transcode
