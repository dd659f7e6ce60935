// SPDX-License-Identifier: Apache-2.0
#include "slate_gpu/color_program.h"

namespace slate_gpu {

bool program_valid(const ColorProgram& program) {
    if (program.count < 0 || program.count > kMaxColorOps) return false;
    for (int i = 0; i < program.count; ++i) {
        const ColorOpData& op = program.ops[i];
        switch (op.kind) {
            case ColorOpKind::Matrix:
            case ColorOpKind::Cdl:
                break;
            case ColorOpKind::Curve: {
                const CurveTableView& t = op.curve.table;
                if (op.curve.transfer >= TransferId::Count) return false;
                if (t.values[0] == nullptr || t.usable[0] == nullptr) return false;
                if (t.spacing == CurveSpacing::Log &&
                    (t.values[1] == nullptr || t.usable[1] == nullptr))
                    return false;
                break;
            }
            case ColorOpKind::Lut1D:
                if (op.lut1d.size < 2 || op.lut1d.table == nullptr) return false;
                break;
            case ColorOpKind::Lut3D:
                if (op.lut3d.size < 2 || op.lut3d.size > 256 || op.lut3d.table == nullptr)
                    return false;
                break;
            default:
                return false;
        }
    }
    return true;
}

}  // namespace slate_gpu
