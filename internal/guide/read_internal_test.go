package guide

import (
	"errors"
	"io"
	"io/fs"
	"testing"
	"time"
)

// zeros is an endless file that says it is regular and empty, as files of
// /proc or /dev/zero behind a lying file system would.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
func (zeros) Close() error               { return nil }
func (zeros) Stat() (fs.FileInfo, error) { return zeroInfo{}, nil }

type zeroInfo struct{}

func (zeroInfo) Name() string       { return "zero" }
func (zeroInfo) Size() int64        { return 0 }
func (zeroInfo) Mode() fs.FileMode  { return 0o600 }
func (zeroInfo) ModTime() time.Time { return time.Time{} }
func (zeroInfo) IsDir() bool        { return false }
func (zeroInfo) Sys() any           { return nil }

var _ fs.File = zeros{}

func TestReadRegular_StopsAtTheLimit(t *testing.T) {
	data, err := readRegular(zeros{}, MaxFileSize)
	if !errors.Is(err, errTooLarge) || data != nil {
		t.Errorf("readRegular(endless) = %d bytes, %v, want nil, %v", len(data), err, errTooLarge)
	}
}

type shortRead struct{ zeros }

func (shortRead) Read(p []byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestReadRegular_ReadError(t *testing.T) {
	if _, err := readRegular(shortRead{}, MaxFileSize); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("readRegular(failing) error = %v, want %v", err, io.ErrUnexpectedEOF)
	}
}
