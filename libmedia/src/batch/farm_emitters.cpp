// SPDX-License-Identifier: Apache-2.0
// Job plans written for other farm engines: Open Job Description (YAML), OpenCue job spec (XML),
// Deadline 10 job-info/plugin-info files. Each task runs `slate task --plan P --step S --index I`.
#include "media/batch/farm_emitters.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace media::batch {

namespace {

using nlohmann::json;

// ---- shared ---------------------------------------------------------------------------------

std::string slate_executable(const EmitOptions& options) {
    return options.slate.empty() ? std::string("slate") : options.slate;
}

// The arguments after the executable; `plan` and `index` as each format writes them.
std::vector<std::string> task_arguments(const std::string& plan, const std::string& step,
                                        const std::string& index) {
    return {"task", "--plan", plan, "--step", step, "--index", index};
}

// Task indices as a frame range: "0" for one task, "0-(n-1)" otherwise.
std::string index_range(const PlanStep& step) {
    const size_t n = step.tasks.empty() ? 1 : step.tasks.size();
    return n == 1 ? std::string("0") : fmt::format("0-{}", n - 1);
}

// Bytes as JSON text (a double-quoted literal), invalid UTF-8 replaced by U+FFFD.
std::string json_literal(std::string_view text) {
    return json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

// Valid UTF-8 with C0 controls (and DEL) but `kept` replaced by '?': for formats with no escape.
std::string plain_text(std::string_view text, std::string_view kept = "") {
    std::string out = json::parse(json_literal(text)).get<std::string>();
    for (char& c : out) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 || byte == 0x7f) && kept.find(c) == std::string_view::npos) c = '?';
    }
    return out;
}

// ---- Open Job Description -------------------------------------------------------------------

// A YAML double-quoted scalar. JSON string escapes are YAML escapes; YAML also wants DEL and the
// C1 controls (UTF-8 C2 80..C2 9F) escaped, which JSON leaves raw.
std::string yaml_quoted(std::string_view text) {
    const std::string literal = json_literal(text);
    std::string out;
    for (size_t i = 0; i < literal.size(); ++i) {
        const auto byte = static_cast<unsigned char>(literal[i]);
        const auto next = i + 1 < literal.size() ? static_cast<unsigned char>(literal[i + 1]) : 0;
        if (byte == 0x7f) {
            out += "\\x7F";
        } else if (byte == 0xc2 && next >= 0x80 && next <= 0x9f) {
            out += fmt::format("\\x{:02X}", next);
            ++i;
        } else {
            out += literal[i];
        }
    }
    return out;
}

class YamlLines {
public:
    void add(int indent, std::string_view text) {
        m_text.append(static_cast<size_t>(indent), ' ');
        m_text += text;
        m_text += '\n';
    }
    void add(int indent, std::string_view key, std::string_view value) {
        add(indent, fmt::format("{}: {}", key, yaml_quoted(value)));
    }
    const std::string& text() const { return m_text; }

private:
    std::string m_text;
};

void openjd_parameters(YamlLines& yaml, const EmitOptions& options) {
    yaml.add(0, "parameterDefinitions:");
    yaml.add(0, "- name: \"SlatePlan\"");
    yaml.add(2, "type: \"PATH\"");
    yaml.add(2, "objectType: \"FILE\"");
    yaml.add(2, "dataFlow: \"IN\"");
    yaml.add(2, "default", options.plan_path);
    yaml.add(0, "- name: \"SlateExecutable\"");
    yaml.add(2, "type: \"STRING\"");
    yaml.add(2, "default", slate_executable(options));
}

void openjd_amount(YamlLines& yaml, std::string_view name, int64_t min) {
    yaml.add(4, fmt::format("- name: \"{}\"", name));
    yaml.add(6, fmt::format("min: {}", min));
}

void openjd_step(YamlLines& yaml, const PlanStep& step) {
    yaml.add(0, fmt::format("- name: {}", yaml_quoted(step.id)));
    if (!step.title.empty()) yaml.add(2, "description", step.title);
    if (!step.depends_on.empty()) {
        yaml.add(2, "dependencies:");
        for (const auto& dependency : step.depends_on)
            yaml.add(2, fmt::format("- dependsOn: {}", yaml_quoted(dependency)));
    }
    yaml.add(2, "parameterSpace:");
    yaml.add(4, "taskParameterDefinitions:");
    yaml.add(4, "- name: \"Index\"");
    yaml.add(6, "type: \"INT\"");
    yaml.add(6, "range", index_range(step));
    yaml.add(2, "script:");
    yaml.add(4, "actions:");
    yaml.add(6, "onRun:");
    yaml.add(8, "command: \"{{Param.SlateExecutable}}\"");
    yaml.add(8, "args:");
    for (const auto& argument :
         task_arguments("{{Param.SlatePlan}}", step.id, "{{Task.Param.Index}}"))
        yaml.add(8, "- " + yaml_quoted(argument));
    if (step.resources.time_limit_minutes > 0)
        yaml.add(8, fmt::format("timeout: {}", int64_t{step.resources.time_limit_minutes} * 60));
    yaml.add(2, "hostRequirements:");
    yaml.add(4, "amounts:");
    openjd_amount(yaml, "amount.worker.vcpu", step.resources.cores);
    openjd_amount(yaml, "amount.worker.memory", step.resources.memory_mb);
    if (step.resources.gpus > 0) openjd_amount(yaml, "amount.worker.gpu", step.resources.gpus);
}

// ---- OpenCue --------------------------------------------------------------------------------

// One word for /bin/sh: unquoted when plainly safe, else single-quoted.
std::string shell_word(const std::string& word) {
    const bool safe = !word.empty() && word.find_first_not_of(
                                           "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                           "0123456789_./-=:,+@%") == std::string::npos;
    if (safe) return word;
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// cuebot names: [\w.]{3,} once '-' is read as '_'. Step ids fit but may be short or collide.
std::map<std::string, std::string> opencue_layer_names(const JobPlan& plan) {
    std::map<std::string, std::string> names;
    std::set<std::string> used;
    for (size_t s = 0; s < plan.steps.size(); ++s) {
        std::string name = plan.steps[s].id;
        for (char& c : name) c = c == '-' ? '_' : c;
        if (name.size() < 3) name += "_step";
        if (used.contains(name)) name += fmt::format("_{}", s);
        used.insert(name);
        names[plan.steps[s].id] = name;
    }
    return names;
}

void add_text(pugi::xml_node parent, const char* name, const std::string& text) {
    parent.append_child(name).text().set(plain_text(text, "\t\n\r").c_str());
}

void opencue_layer(pugi::xml_node layers, const PlanStep& step, const std::string& layer_name,
                   const EmitOptions& options) {
    pugi::xml_node layer = layers.append_child("layer");
    layer.append_attribute("name").set_value(layer_name.c_str());
    layer.append_attribute("type").set_value("Render");
    // cuebot substitutes #IFRAME# (the integer frame number) before the shell reads the line.
    std::string command = shell_word(slate_executable(options));
    for (const auto& word : task_arguments(options.plan_path, step.id, "#IFRAME#"))
        command += " " + (word == "#IFRAME#" ? word : shell_word(word));
    add_text(layer, "cmd", command);
    add_text(layer, "range", index_range(step));
    add_text(layer, "chunk", "1");
    add_text(layer, "cores", fmt::format("{}.0", step.resources.cores));
    add_text(layer, "memory", fmt::format("{}m", step.resources.memory_mb));
    if (step.resources.gpus > 0) add_text(layer, "gpus", std::to_string(step.resources.gpus));
    if (step.resources.time_limit_minutes > 0)
        add_text(layer, "timeout", std::to_string(step.resources.time_limit_minutes));
    add_text(layer.append_child("services"), "service", options.service);
}

void opencue_depends(pugi::xml_node spec, const JobPlan& plan, const std::string& job_name,
                     const std::map<std::string, std::string>& layer_names) {
    pugi::xml_node depends;
    for (size_t s : step_order(plan)) {
        for (const auto& dependency : plan.steps[s].depends_on) {
            if (!layer_names.contains(dependency)) continue;
            if (!depends) depends = spec.append_child("depends");
            pugi::xml_node depend = depends.append_child("depend");
            depend.append_attribute("type").set_value("LAYER_ON_LAYER");
            add_text(depend, "depjob", job_name);
            add_text(depend, "deplayer", layer_names.at(plan.steps[s].id));
            add_text(depend, "onjob", job_name);
            add_text(depend, "onlayer", layer_names.at(dependency));
        }
    }
}

int opencue_max_retries(const JobPlan& plan) {
    int retries = 0;
    for (const auto& step : plan.steps) retries = std::max(retries, step.retry.max_attempts - 1);
    return retries;
}

// ---- Deadline -------------------------------------------------------------------------------

// One argument as the CommandLine plugin splits its Arguments string (the Windows argv rules
// that .NET's Process uses on every platform): quoted when it holds blanks or quotes, with
// backslashes doubled before a quote.
std::string deadline_argument(const std::string& argument) {
    if (!argument.empty() && argument.find_first_of(" \t\"") == std::string::npos) return argument;
    std::string out = "\"";
    size_t backslashes = 0;
    for (char c : argument) {
        if (c == '\\') {
            ++backslashes;
            continue;
        }
        out.append(c == '"' ? backslashes * 2 + 1 : backslashes, '\\');
        out += c;
        backslashes = 0;
    }
    out.append(backslashes * 2, '\\');
    return out + "\"";
}

class KeyValueLines {
public:
    void add(std::string_view key, const std::string& value) {
        m_text += fmt::format("{}={}\n", key, plain_text(value));
    }
    const std::string& text() const { return m_text; }

private:
    std::string m_text;
};

std::string deadline_job_info(const JobPlan& plan, const PlanStep& step,
                              const EmitOptions& options) {
    KeyValueLines info;
    info.add("Plugin", "CommandLine");
    info.add("Name", fmt::format("{}: {}", plan.name, step.id));
    if (!step.title.empty()) info.add("Comment", step.title);
    info.add("BatchName", plan.name);
    info.add("Frames", index_range(step));
    info.add("ChunkSize", "1");
    info.add("ConcurrentTasks", "1");
    info.add("MachineLimit", std::to_string(step.max_parallel));
    info.add("OverrideTaskFailureDetection", "True");
    info.add("FailureDetectionTaskErrors", std::to_string(step.retry.max_attempts));
    if (step.resources.time_limit_minutes > 0)
        info.add("TaskTimeoutMinutes", std::to_string(step.resources.time_limit_minutes));
    info.add("ExtraInfoKeyValue0", "SlatePlan=" + options.plan_path);
    info.add("ExtraInfoKeyValue1", "SlateStep=" + step.id);
    info.add("ExtraInfoKeyValue2", fmt::format("SlateCores={}", step.resources.cores));
    info.add("ExtraInfoKeyValue3", fmt::format("SlateMemoryMB={}", step.resources.memory_mb));
    info.add("ExtraInfoKeyValue4", fmt::format("SlateGpus={}", step.resources.gpus));
    return info.text();
}

std::string deadline_plugin_info(const PlanStep& step, const EmitOptions& options) {
    std::string arguments;
    for (const auto& argument : task_arguments(options.plan_path, step.id, "<STARTFRAME>"))
        arguments += (arguments.empty() ? "" : " ") + deadline_argument(argument);
    KeyValueLines info;
    info.add("Executable", slate_executable(options));
    info.add("Arguments", arguments);
    info.add("Shell", "default");
    info.add("ShellExecute", "False");
    info.add("SingleFramesOnly", "False");
    return info.text();
}

}  // namespace

std::string emit_openjd(const JobPlan& plan, const EmitOptions& options) {
    YamlLines yaml;
    yaml.add(0, "specificationVersion: \"jobtemplate-2023-09\"");
    yaml.add(0, "name", plan.name);
    openjd_parameters(yaml, options);
    yaml.add(0, "steps:");
    for (size_t s : step_order(plan)) openjd_step(yaml, plan.steps[s]);
    return yaml.text();
}

std::string emit_opencue(const JobPlan& plan, const EmitOptions& options) {
    pugi::xml_document document;
    pugi::xml_node doctype = document.append_child(pugi::node_doctype);
    doctype.set_value(
        "spec PUBLIC \"SPI Cue Specification Language\" "
        "\"http://localhost:8080/spcue/dtd/cjsl-1.13.dtd\"");
    pugi::xml_node spec = document.append_child("spec");
    add_text(spec, "show", options.show);
    add_text(spec, "shot", options.shot);
    add_text(spec, "user", options.user);
    const std::string job_name = plain_text(plan.name.size() < 3 ? plan.name + "_job" : plan.name);
    pugi::xml_node job = spec.append_child("job");
    job.append_attribute("name").set_value(job_name.c_str());
    add_text(job, "paused", "False");
    add_text(job, "maxretries", std::to_string(opencue_max_retries(plan)));
    pugi::xml_node layers = job.append_child("layers");
    const auto layer_names = opencue_layer_names(plan);
    for (size_t s : step_order(plan))
        opencue_layer(layers, plan.steps[s], layer_names.at(plan.steps[s].id), options);
    opencue_depends(spec, plan, job_name, layer_names);
    std::ostringstream out;
    document.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
    return out.str();
}

std::vector<DeadlineJob> emit_deadline(const JobPlan& plan, const EmitOptions& options) {
    const std::vector<size_t> order = step_order(plan);
    std::map<std::string, size_t> position;  // step id -> index in the returned list
    std::vector<DeadlineJob> jobs;
    for (size_t s : order) {
        const PlanStep& step = plan.steps[s];
        DeadlineJob job{step.id,
                        deadline_job_info(plan, step, options),
                        deadline_plugin_info(step, options),
                        {}};
        for (const auto& dependency : step.depends_on) {
            const auto found = position.find(dependency);
            if (found != position.end()) job.depends_on.push_back(found->second);
        }
        position[step.id] = jobs.size();
        jobs.push_back(std::move(job));
    }
    return jobs;
}

}  // namespace media::batch
