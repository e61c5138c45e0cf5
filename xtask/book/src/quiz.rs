//! Each lesson's quiz as HTML at the end of its chapter (H9 writes this file).
