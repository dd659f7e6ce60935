// SPDX-License-Identifier: Apache-2.0
#include "atomic_output.h"

#include <system_error>

namespace media::samples {
namespace fs = std::filesystem;

PendingOutput::PendingOutput(fs::path final_path, bool folder)
    : m_final(std::move(final_path)), m_folder(folder) {
    // A fixed temporary name (no process id): DPX headers record the name the file is written
    // under, and the folder name must not make runs differ.
    m_temp = m_final;
    m_temp += ".partial";
    std::error_code ec;
    fs::remove_all(m_temp, ec);
    if (m_folder) fs::create_directories(m_temp, ec);
}

PendingOutput::~PendingOutput() {
    if (m_committed) return;
    std::error_code ec;
    fs::remove_all(m_temp, ec);
}

Result<void> PendingOutput::commit() {
    std::error_code ec;
    if (m_folder && fs::exists(m_final, ec)) {
        // rename() cannot replace a non-empty folder: move the old one aside first.
        fs::path old = m_final;
        old += ".old";
        fs::remove_all(old, ec);
        fs::rename(m_final, old, ec);
        if (ec)
            return Error(ErrorCode::IoError, "cannot replace: " + ec.message())
                .with_file(m_final.string());
        fs::remove_all(old, ec);
    }
    fs::rename(m_temp, m_final, ec);
    if (ec)
        return Error(ErrorCode::IoError, "cannot rename into place: " + ec.message())
            .with_file(m_final.string());
    m_committed = true;
    return ok();
}

}  // namespace media::samples
