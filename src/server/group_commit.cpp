// GroupCommitWriter (see group_commit.h).
#include "server/group_commit.h"

#include <utility>

namespace tokhai::server {

struct GroupCommitWriter::Statements {
  SqliteStatement begin;
  SqliteStatement commit;
  SqliteStatement rollback;
  SqliteStatement savepoint;
  SqliteStatement release;
  SqliteStatement rollback_to;
};

core::Result<std::unique_ptr<GroupCommitWriter>> GroupCommitWriter::start(
    SqliteDatabase& connection) {
  sqlite3* handle = connection.handle();
  auto begin = SqliteStatement::prepare(handle, "BEGIN IMMEDIATE");
  auto commit = SqliteStatement::prepare(handle, "COMMIT");
  auto rollback = SqliteStatement::prepare(handle, "ROLLBACK");
  auto savepoint = SqliteStatement::prepare(handle, "SAVEPOINT job");
  auto release = SqliteStatement::prepare(handle, "RELEASE job");
  auto rollback_to = SqliteStatement::prepare(handle, "ROLLBACK TO job");
  for (const auto* prepared : {&begin, &commit, &rollback, &savepoint, &release, &rollback_to}) {
    if (!*prepared) return prepared->error();
  }
  auto statements = std::make_unique<Statements>(Statements{
      std::move(begin).value(), std::move(commit).value(), std::move(rollback).value(),
      std::move(savepoint).value(), std::move(release).value(), std::move(rollback_to).value()});
  return std::unique_ptr<GroupCommitWriter>(new GroupCommitWriter(std::move(statements)));
}

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Statements> statements)
    : statements_(std::move(statements)), thread_([this] { loop(); }) {}

GroupCommitWriter::~GroupCommitWriter() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_one();
  thread_.join();
}

core::Result<core::Done> GroupCommitWriter::run(const Job& job) {
  Pending pending{&job, std::nullopt};
  std::unique_lock lock(mutex_);
  waiting_.push_back(&pending);
  work_ready_.notify_one();
  group_done_.wait(lock, [&pending] { return pending.result.has_value(); });
  return std::move(*pending.result);
}

std::uint64_t GroupCommitWriter::groups_committed() const {
  const std::lock_guard lock(mutex_);
  return groups_committed_;
}

void GroupCommitWriter::loop() {
  std::vector<Pending*> group;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
      if (waiting_.empty()) return;  // stopping, nothing left
      const std::size_t taken = std::min(waiting_.size(), kMaxGroupJobs);
      group.assign(waiting_.begin(), waiting_.begin() + static_cast<std::ptrdiff_t>(taken));
      waiting_.erase(waiting_.begin(), waiting_.begin() + static_cast<std::ptrdiff_t>(taken));
    }
    // run_group sets every result under the lock; a waiting thread may return
    // as soon as it sees its own, so `group` is not read again after that.
    if (run_group(group)) {
      const std::lock_guard lock(mutex_);
      ++groups_committed_;
    }
    group_done_.notify_all();
    group.clear();
  }
}

bool GroupCommitWriter::run_group(const std::vector<Pending*>& group) {
  std::vector<core::Result<core::Done>> results;
  results.reserve(group.size());
  auto fail_all = [&](const core::Error& error) {
    const std::lock_guard lock(mutex_);
    for (Pending* pending : group) pending->result = error;
  };
  auto begun = statements_->begin.run();
  if (!begun) {
    fail_all(begun.error());
    return false;
  }
  for (Pending* pending : group) {
    auto saved = statements_->savepoint.run();
    if (!saved) {
      results.push_back(saved.error());
      continue;
    }
    auto outcome = (*pending->job)();
    if (!outcome) (void)statements_->rollback_to.run();
    (void)statements_->release.run();
    results.push_back(std::move(outcome));
  }
  auto committed = statements_->commit.run();
  if (!committed) {
    (void)statements_->rollback.run();
    fail_all(committed.error());
    return false;
  }
  const std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < group.size(); ++i) group[i]->result = std::move(results[i]);
  return true;
}

}  // namespace tokhai::server
