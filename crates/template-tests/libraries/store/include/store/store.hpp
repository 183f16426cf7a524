// Items, shelves and tickets: three ways of owning an object, for the kit's
// tests to wrap.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

// The library is built with -fvisibility=hidden; this marks what it exports.
#if defined(__GNUC__) || defined(__clang__)
#define STORE_API __attribute__((visibility("default")))
#else
#define STORE_API
#endif

namespace store {

/// A named quantity of stock, owned by one owner.
///
/// The destructor is public and copies are refused, so whoever creates an
/// item owns it alone.
class STORE_API item {
public:
    /// An item called `name` with `quantity` in stock.
    ///
    /// Throws `std::invalid_argument` ("empty name") when `name` is empty. A
    /// negative quantity is taken as 0.
    item(const std::string& name, int quantity);

    /// Ends the item's life.
    ~item();

    /// Not copyable: an item has one owner.
    item(const item&) = delete;

    /// Not assignable, for the same reason.
    item& operator=(const item&) = delete;

    /// The name.
    std::string name() const;

    /// The quantity in stock.
    int quantity() const;

    /// Adds `n` to the stock.
    ///
    /// A negative `n` is ignored; the quantity stops at the largest `int`.
    void restock(int n);

    /// Takes `n` from the stock.
    ///
    /// Returns false, changing nothing, when `n` is negative or more than the
    /// quantity.
    bool take(int n);

    /// The unit price, 0 for a new item.
    double price() const;

    /// Sets the unit price.
    ///
    /// Throws `std::out_of_range` ("negative price") when `p` is negative.
    void set_price(double p);

    /// Whether the quantity is above 0.
    bool in_stock() const;

    /// The item's state as bits.
    ///
    /// Bit 0 is set when in stock, bit 1 when the price is above 0.
    unsigned int flags() const;

    /// A stock-keeping number derived from the name.
    ///
    /// The 64-bit FNV-1a hash of the name's bytes, so equal names give equal
    /// numbers and about half of all numbers do not fit in an `i64`.
    std::uint64_t sku() const;

    /// The quantity at creation, then after each change.
    ///
    /// Returns a vector of `int`.
    std::vector<int> history() const;

    /// The number of items alive in the process.
    static int live();

private:
    std::string name_;
    int quantity_;
    double price_ = 0.0;
    std::vector<int> history_;
};

class shelf;

/// A new empty shelf labelled `label`.
///
/// A null `label` gives an empty label. Free the shelf with `close_shelf`.
STORE_API shelf* open_shelf(const char* label);

/// Destroys `s` and every item on it.
///
/// A null `s` is ignored.
STORE_API void close_shelf(shelf* s) noexcept;

/// A labelled set of items that it owns.
///
/// Not counted: it is created by `open_shelf` (or `new`) and destroyed only by
/// `close_shelf`, since the destructor is private.
class STORE_API shelf {
public:
    /// An empty shelf labelled `label`.
    explicit shelf(const std::string& label);

    /// Not copyable: the items have one owner.
    shelf(const shelf&) = delete;

    /// Not assignable, for the same reason.
    shelf& operator=(const shelf&) = delete;

    /// The label.
    std::string label() const;

    /// The number of items, in stock or not.
    std::size_t size() const;

    /// Adds a new item called `name` with `quantity` in stock.
    ///
    /// Throws like `item`'s constructor; the shelf is then unchanged. Names
    /// need not be unique.
    void add(const std::string& name, int quantity);

    /// The item named `name`, still owned by the shelf, or null.
    item* find(const std::string& name);

    /// Takes the item named `name` off the shelf: the caller owns the returned item
    /// and must delete it. Null when there is none.
    item* take_out(const std::string& name);

    /// The total quantity of the items whose name starts with `prefix`.
    ///
    /// A null or empty `prefix` matches every item; the sum stops at the
    /// largest `int`.
    int total(const char* prefix) const;

    /// The number of items in stock.
    int count() const;

    /// The number of items with at least `min_quantity` in stock.
    int count(int min_quantity) const;

    /// The number of shelves alive in the process.
    static int live();

private:
    // Private so that only close_shelf() can end a shelf's life.
    ~shelf();
    friend void close_shelf(shelf* s) noexcept;

    std::string label_;
    // Owned: deleted by the destructor. Raw pointers keep <memory> out of the
    // header.
    std::vector<item*> items_;
};

class ticket;

/// Adds a reference to `t`.
///
/// A null `t` is ignored.
STORE_API void ticket_ref(ticket* t) noexcept;

/// Drops a reference to `t`, deleting it when it was the last one.
///
/// A null `t` is ignored.
STORE_API void ticket_unref(ticket* t) noexcept;

/// A numbered ticket, counted through free functions.
///
/// `ticket_ref` adds a reference and `ticket_unref` drops one. The destructor
/// is private, so only `ticket_unref` can destroy a ticket.
class STORE_API ticket {
public:
    /// A ticket numbered `number`, holding one reference.
    explicit ticket(int number);

    /// Not copyable: a copy would start with the count of the original.
    ticket(const ticket&) = delete;

    /// Not assignable, for the same reason.
    ticket& operator=(const ticket&) = delete;

    /// The number given at creation.
    int number() const;

    /// The number of tickets alive in the process.
    static int live();

private:
    // Private so that only ticket_unref() can end a ticket's life.
    ~ticket();
    friend void ticket_ref(ticket* t) noexcept;
    friend void ticket_unref(ticket* t) noexcept;

    std::atomic<int> refs_{1};
    int number_;
};

}  // namespace store
