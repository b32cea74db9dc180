#pragma once

#include <cstddef>

// Bytes kept in libsodium's guarded, locked memory (never swapped, wiped on release):
// the store key and its SQLCipher hex form live here and nowhere else.
class SecureBuffer
{
public:
    explicit SecureBuffer(std::size_t size = 0);
    ~SecureBuffer();
    SecureBuffer(SecureBuffer&& other) noexcept;
    SecureBuffer& operator=(SecureBuffer&& other) noexcept;
    SecureBuffer(const SecureBuffer&) = delete;
    SecureBuffer& operator=(const SecureBuffer&) = delete;

    unsigned char* data() { return m_data; }
    const unsigned char* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    void wipe(); // zero and release now

private:
    unsigned char* m_data = nullptr;
    std::size_t m_size = 0;
};
