#pragma once
// The page's one App instance (created in main_web.cpp), for the other exported entry points.
#include "app/app.h"

netlab::App* WebApp();
