module limen

go 1.26
