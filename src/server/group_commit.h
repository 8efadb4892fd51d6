// GroupCommitWriter: one thread that owns a database connection's writes and
// commits them in groups. A request thread hands over a job and waits; the
// writer takes every job waiting at that moment, runs each in its own
// savepoint inside one transaction, commits once (one sync of the WAL for
// the whole group) and then wakes the request threads. Under load the cost of
// a durable commit is shared by many submissions; with one request at a time
// it is a plain transaction per request.
//
// A job's effects are kept only if the job succeeds (its savepoint is rolled
// back otherwise) and the group commits; a job sees the effects of the jobs
// before it in its group, so two puts of one id in one group are still
// answered one after the other.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/result.h"
#include "server/sqlite_database.h"
#include "server/sqlite_statement.h"

namespace tokhai::server {

class GroupCommitWriter {
 public:
  // A job runs on the writer thread inside the group's transaction.
  using Job = std::function<core::Result<core::Done>()>;

  // The most jobs in one group (bounds one group's latency).
  static constexpr std::size_t kMaxGroupJobs = 1024;

  // Starts the writer thread on `connection`, which only this writer may use
  // from now on and which must outlive it. Error codes: sqlite.prepare.
  static core::Result<std::unique_ptr<GroupCommitWriter>> start(SqliteDatabase& connection);

  // Runs the jobs still waiting, then stops the thread.
  ~GroupCommitWriter();
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Runs `job` in the next group and returns once that group has committed
  // (or failed): the job's own error, or the transaction's (sqlite.step).
  core::Result<core::Done> run(const Job& job);

  // How many groups have committed so far (for tests and metrics).
  std::uint64_t groups_committed() const;

 private:
  struct Statements;
  struct Pending {
    const Job* job;
    std::optional<core::Result<core::Done>> result;
  };

  GroupCommitWriter(std::unique_ptr<Statements> statements);
  void loop();
  // Runs `group` in one transaction and sets each job's result; true when
  // it committed.
  bool run_group(const std::vector<Pending*>& group);

  std::unique_ptr<Statements> statements_;
  mutable std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable group_done_;
  std::vector<Pending*> waiting_;
  bool stopping_ = false;
  std::uint64_t groups_committed_ = 0;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace tokhai::server
