#include "store/store.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace store {

namespace {
// Kept out of the header so the counters are not part of the ABI.
std::atomic<int> live_items{0};
std::atomic<int> live_shelves{0};
std::atomic<int> live_tickets{0};

// Adds without overflowing, which would be undefined behaviour; both are >= 0.
int saturating_add(int a, int b) {
    return a > std::numeric_limits<int>::max() - b ? std::numeric_limits<int>::max() : a + b;
}

void check_name(const std::string& name) {
    if (name.empty()) {
        throw std::invalid_argument("empty name");
    }
}
}  // namespace

// --- item ---

item::item(const std::string& name, int quantity)
    : name_((check_name(name), name)), quantity_(quantity < 0 ? 0 : quantity), history_{quantity_} {
    // Counted last, so an item whose constructor threw never shows up in live().
    live_items.fetch_add(1, std::memory_order_relaxed);
}

item::~item() { live_items.fetch_sub(1, std::memory_order_relaxed); }

std::string item::name() const { return name_; }

int item::quantity() const { return quantity_; }

void item::restock(int n) {
    if (n < 0) {
        return;
    }
    // Reserve first, so a failed allocation leaves quantity and history in step.
    history_.reserve(history_.size() + 1);
    quantity_ = saturating_add(quantity_, n);
    history_.push_back(quantity_);
}

bool item::take(int n) {
    if (n < 0 || n > quantity_) {
        return false;
    }
    history_.reserve(history_.size() + 1);
    quantity_ -= n;
    history_.push_back(quantity_);
    return true;
}

double item::price() const { return price_; }

void item::set_price(double p) {
    if (p < 0) {
        throw std::out_of_range("negative price");
    }
    price_ = p;
}

bool item::in_stock() const { return quantity_ > 0; }

unsigned int item::flags() const { return (in_stock() ? 1u : 0u) | (price_ > 0 ? 2u : 0u); }

std::uint64_t item::sku() const {
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : name_) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

std::vector<int> item::history() const { return history_; }

int item::live() { return live_items.load(std::memory_order_relaxed); }

// --- shelf ---

shelf* open_shelf(const char* label) { return new shelf(label != nullptr ? label : ""); }

void close_shelf(shelf* s) noexcept { delete s; }

shelf::shelf(const std::string& label) : label_(label) {
    live_shelves.fetch_add(1, std::memory_order_relaxed);
}

shelf::~shelf() {
    for (item* i : items_) {
        delete i;
    }
    live_shelves.fetch_sub(1, std::memory_order_relaxed);
}

std::string shelf::label() const { return label_; }

std::size_t shelf::size() const { return items_.size(); }

void shelf::add(const std::string& name, int quantity) {
    // The unique_ptr frees the item if push_back throws.
    auto owned = std::make_unique<item>(name, quantity);
    items_.push_back(owned.get());
    owned.release();
}

item* shelf::take_out(const std::string& name) {
    for (auto it = items_.begin(); it != items_.end(); ++it) {
        if ((*it)->name() == name) {
            item* found = *it;
            items_.erase(it);
            return found;
        }
    }
    return nullptr;
}

item* shelf::find(const std::string& name) {
    for (item* i : items_) {
        if (i->name() == name) {
            return i;
        }
    }
    return nullptr;
}

int shelf::total(const char* prefix) const {
    const std::size_t length = prefix != nullptr ? std::strlen(prefix) : 0;
    int sum = 0;
    for (const item* i : items_) {
        if (i->name().compare(0, length, prefix != nullptr ? prefix : "", length) == 0) {
            sum = saturating_add(sum, i->quantity());
        }
    }
    return sum;
}

int shelf::count() const { return count(1); }

int shelf::count(int min_quantity) const {
    int n = 0;
    for (const item* i : items_) {
        if (i->quantity() >= min_quantity) {
            ++n;
        }
    }
    return n;
}

int shelf::live() { return live_shelves.load(std::memory_order_relaxed); }

// --- ticket ---

void ticket_ref(ticket* t) noexcept {
    if (t != nullptr) {
        t->refs_.fetch_add(1, std::memory_order_relaxed);
    }
}

void ticket_unref(ticket* t) noexcept {
    // acq_rel: the thread that deletes must see every other thread's writes.
    if (t != nullptr && t->refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        delete t;
    }
}

ticket::ticket(int number) : number_(number) { live_tickets.fetch_add(1, std::memory_order_relaxed); }

ticket::~ticket() { live_tickets.fetch_sub(1, std::memory_order_relaxed); }

int ticket::number() const { return number_; }

int ticket::live() { return live_tickets.load(std::memory_order_relaxed); }

}  // namespace store
