//! Placeholder: the chat server is being written (lesson 4.6).

pub mod demo;
