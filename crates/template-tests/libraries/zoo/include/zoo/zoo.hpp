// Connections and the clients that use them: a client points to its connection
// without owning it, for the kit's tests of an object that needs another alive.
#pragma once

// The library is built with -fvisibility=hidden; this marks what it exports.
#if defined(__GNUC__) || defined(__clang__)
#define ZOO_API __attribute__((visibility("default")))
#else
#define ZOO_API
#endif

namespace zoo {

class conn;

/// Destroys `c`. A null `c` is ignored.
ZOO_API void destroy_conn(conn* c) noexcept;

/// A connection to a port. Destroyed only by `destroy_conn`.
class ZOO_API conn {
public:
    /// A connection to `port`.
    explicit conn(int port);

    /// Not copyable.
    conn(const conn&) = delete;

    /// Not assignable.
    conn& operator=(const conn&) = delete;

    /// The port.
    int port() const;

    /// The number of connections alive in the process.
    static int live();

private:
    ~conn();
    friend void destroy_conn(conn* c) noexcept;

    int port_;
};

/// A client of a connection, which it uses but does not own: the connection must
/// outlive the client.
class ZOO_API client {
public:
    /// A client of `c`.
    explicit client(conn* c);

    /// Ends the client; the connection stays.
    ~client();

    /// Not copyable.
    client(const client&) = delete;

    /// Not assignable.
    client& operator=(const client&) = delete;

    /// Asks the connection for its port.
    int ping() const;

    /// The number of clients alive in the process.
    static int live();

private:
    conn* conn_;
};

}  // namespace zoo
