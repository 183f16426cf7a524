#include "zoo/zoo.hpp"

#include <atomic>

namespace zoo {

namespace {
std::atomic<int> conns{0};
std::atomic<int> clients{0};
}  // namespace

conn::conn(int port) : port_(port) { ++conns; }

conn::~conn() { --conns; }

int conn::port() const { return port_; }

int conn::live() { return conns.load(); }

void destroy_conn(conn* c) noexcept { delete c; }

client::client(conn* c) : conn_(c) { ++clients; }

client::~client() { --clients; }

int client::ping() const { return conn_->port(); }

int client::live() { return clients.load(); }

}  // namespace zoo
