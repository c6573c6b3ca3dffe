// cli_script: runs one of the command-line test scripts (tests/cli/*.cli) and names the step
// that fails. A script is a sequence of commands, each followed by what it must do, in the
// manner of DuckDB's sqllogictest:
//
//   # a comment
//   run cradle scan examples/webapp.cdx.json --advisories examples/osv --format json
//   exit 0                        the exit status (a run without one must exit 0)
//   stdout has "affected": 4      the output holds the text (stderr: the same for stderr)
//   stdout lacks NOT SCANNABLE    the output does not hold it
//   stdout matches ^  1 block     a line matches the POSIX extended regular expression
//   stdout is pkg:npm/x@1         the whole output, without its last newline, is the text
//   stderr is-file F.expected     the whole output is what the file (in the source tree) holds
//   cleanup psql ... DROP ...     a command run at the end, whether the steps passed or not
//   skip-unless test -n "$X"      the script is skipped (exit 77) unless the command succeeds
//
// In the texts of has, lacks and is, \e stands for the escape character (terminal colours).
//
// A command runs under /bin/sh in the source tree with `cradle` first on PATH, $WORK a scratch
// directory of its own (emptied first) and $CRADLE_TEST_POSTGRES_DB, when PostgreSQL is given,
// the URL of a database named after the script. Checks read the last command's output.
//
// Usage: cli_script SCRIPT CRADLE_BINARY WORK_DIRECTORY
#include <regex.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Output {
  std::string command;
  int command_line = 0;
  int status = 0;
  std::string out;
  std::string err;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string shell_quoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

int run_shell(const std::string& command, const fs::path& work, Output& output) {
  const fs::path out = work / ".stdout";
  const fs::path err = work / ".stderr";
  const std::string line = "(" + command + ") > " + shell_quoted(out.string()) + " 2> " +
                           shell_quoted(err.string()) + " < /dev/null";
  const int raw = std::system(line.c_str());
  output.status = raw == -1 ? -1 : WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  output.out = read_file(out);
  output.err = read_file(err);
  return output.status;
}

bool matches_a_line(const std::string& text, const std::string& pattern, std::string& problem) {
  regex_t regex;
  if (regcomp(&regex, pattern.c_str(), REG_EXTENDED | REG_NOSUB | REG_NEWLINE) != 0) {
    problem = "the pattern is not a POSIX extended regular expression";
    return false;
  }
  const bool found = regexec(&regex, text.c_str(), 0, nullptr, 0) == 0;
  regfree(&regex);
  return found;
}

// A check's text with \e read as the escape character.
std::string unescaped(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == 'e') {
      out += '\033';
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The first lines of an output, for the report of a failed check.
std::string excerpt(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::string out;
  for (int n = 0; std::getline(in, line); ++n) {
    if (n == 40) return out + "    ...\n";
    out += "    " + line + "\n";
  }
  return out.empty() ? "    (nothing)\n" : out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: cli_script SCRIPT CRADLE_BINARY WORK_DIRECTORY\n";
    return 2;
  }
  const fs::path script = argv[1];
  const fs::path cradle = fs::absolute(argv[2]);
  const fs::path work = fs::absolute(argv[3]);
  std::ifstream in(script);
  if (!in) {
    std::cerr << script.string() << ": cannot be read\n";
    return 2;
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  std::error_code error;
  fs::remove_all(work, error);
  fs::create_directories(work);
  const std::string name = script.stem().string();
  setenv("WORK", work.c_str(), 1);
  const char* path = std::getenv("PATH");
  setenv("PATH",
         (cradle.parent_path().string() + ":" + (path != nullptr ? path : "/usr/bin:/bin")).c_str(),
         1);
  if (const char* postgres = std::getenv("CRADLE_TEST_POSTGRES");
      postgres != nullptr && *postgres) {
    // postgresql:///postgres?host=... names the server's maintenance database: the script's
    // own database is the same URL with another name.
    std::string url = postgres;
    const std::size_t at = url.find("/postgres?");
    const std::string database = "cradle_cli_" + name + "_" + std::to_string(::getpid());
    if (at != std::string::npos) url.replace(at + 1, 8, database);
    setenv("CRADLE_TEST_POSTGRES_DB", url.c_str(), 1);
    setenv("CRADLE_TEST_POSTGRES_DB_NAME", database.c_str(), 1);
  }

  std::vector<std::string> cleanups;
  Output last;
  bool exit_checked = true;
  int failures = 0;
  auto fail = [&](int line_number, const std::string& what) {
    std::cerr << script.string() << ":" << line_number << ": " << what << "\n";
    if (!last.command.empty()) {
      std::cerr << "  the command (line " << last.command_line << "): " << last.command << "\n"
                << "  exit status " << last.status << "\n  stdout:\n"
                << excerpt(last.out) << "  stderr:\n"
                << excerpt(last.err);
    }
    ++failures;
  };
  // A command without an `exit` step must succeed.
  auto check_exit_of_last = [&]() {
    if (!exit_checked && last.status != 0) {
      fail(last.command_line, "the command exited with " + std::to_string(last.status) +
                                  ", not 0 (no `exit` step says otherwise)");
    }
    exit_checked = true;
  };

  for (std::size_t i = 0; i < lines.size() && failures == 0; ++i) {
    const int number = static_cast<int>(i + 1);
    const std::string& line = lines[i];
    if (line.empty() || line.starts_with('#')) continue;
    const std::size_t space = line.find(' ');
    const std::string keyword = line.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
    if (keyword == "skip-unless") {
      Output probe;
      if (run_shell(rest, work, probe) != 0) {
        std::cout << script.string() << ": skipped: `" << rest << "` failed\n";
        return 77;
      }
    } else if (keyword == "cleanup") {
      cleanups.push_back(rest);
    } else if (keyword == "run") {
      check_exit_of_last();
      if (failures > 0) break;
      last = Output{rest, number, 0, {}, {}};
      run_shell(rest, work, last);
      exit_checked = false;
    } else if (keyword == "exit") {
      if (last.command.empty()) {
        fail(number, "`exit` before any `run`");
      } else if (std::to_string(last.status) != rest) {
        fail(number, "expected exit status " + rest + ", got " + std::to_string(last.status));
      }
      exit_checked = true;
    } else if (keyword == "stdout" || keyword == "stderr") {
      const std::string& text = keyword == "stdout" ? last.out : last.err;
      const std::size_t second = rest.find(' ');
      const std::string check = rest.substr(0, second);
      const std::string written = second == std::string::npos ? "" : rest.substr(second + 1);
      const std::string operand = check == "matches" ? written : unescaped(written);
      std::string problem;
      if (check == "has") {
        if (text.find(operand) == std::string::npos) fail(number, keyword + " lacks: " + written);
      } else if (check == "lacks") {
        if (text.find(operand) != std::string::npos) fail(number, keyword + " has: " + written);
      } else if (check == "matches") {
        if (!matches_a_line(text, operand, problem)) {
          fail(number, problem.empty() ? keyword + " has no line matching: " + operand : problem);
        }
      } else if (check == "is-file") {
        if (text != read_file(written)) fail(number, keyword + " is not what " + written + " holds");
      } else if (check == "is") {
        const std::string whole = text.ends_with('\n') ? text.substr(0, text.size() - 1) : text;
        if (whole != operand) fail(number, keyword + " is not: " + written);
      } else {
        fail(number, "unknown check '" + check + "' (has, lacks, matches, is, is-file)");
      }
    } else {
      fail(number,
           "unknown step '" + keyword + "' (run, exit, stdout, stderr, cleanup, skip-unless)");
    }
  }
  if (failures == 0) check_exit_of_last();
  for (const std::string& cleanup : cleanups) {
    Output ignored;
    run_shell(cleanup, work, ignored);
  }
  if (failures > 0) return 1;
  std::cout << script.string() << ": every step passed\n";
  return 0;
}
